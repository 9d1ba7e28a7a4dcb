/** Hosts of baseline models this process started on a random port (gone when it exits). */
const EPHEMERAL_HOSTS = new Set<string>();

/** Remembers the host of a baseline model started on a random port. */
export const rememberEphemeralHost = (host: string) => {
  EPHEMERAL_HOSTS.add(host.replace(/\/+$/, ""));
};

/** True when `host` is a baseline model this process started on a random port. */
export const isEphemeralHost = (host: string) => EPHEMERAL_HOSTS.has(host.replace(/\/+$/, ""));
