/** A URL as it may be printed: its password (if any) replaced by "***". */
export const redactUrl = (text: string): string => {
  try {
    const url = new URL(text);
    if (url.password !== "") {
      url.password = "***";
    }
    return url.toString().replace(/\/$/, "");
  } catch {
    return text.replace(/\/\/([^/@]*)@/, "//***@");
  }
};
