/** JSON text parsed, or `{ ok: false }` when it is not JSON (a parsed `null` stays apart from a failure). */
export const tryParseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};
