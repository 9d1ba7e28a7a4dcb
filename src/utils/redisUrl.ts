/** A value that names a Redis server (redis:// or rediss://, any case) rather than a directory or a switch. */
export const isRedisUrl = (value: string): boolean => /^rediss?:/i.test(value);

/**
 * `url` with the password of its user info replaced by `***` (the whole user info when
 * it has no colon, as a lone value there is a password to Redis), so it can be printed.
 * Works on text that is not a valid URL too.
 */
export const redactUrl = (url: string): string =>
  url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(":");
    return `${scheme}${colon === -1 ? "***" : `${userInfo.slice(0, colon)}:***`}@`;
  });

/**
 * Why `value` is not a Redis URL of the form redis://[USER:PASSWORD@]HOST[:PORT][/DB]
 * (or rediss:// for TLS), or null when it is one.
 */
export const findRedisUrlProblem = (value: string): string | null => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "it is not a URL";
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    return "its scheme must be redis: or rediss:";
  }
  if (url.hostname === "") {
    return "it names no host";
  }
  if (url.pathname !== "" && url.pathname !== "/" && !/^\/\d+$/.test(url.pathname)) {
    return "the path must be a database number";
  }
  if (url.search !== "" || url.hash !== "") {
    return "it may not have a query or a fragment";
  }
  return null;
};
