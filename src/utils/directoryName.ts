/** Whether a name can be part of a directory name: letters, digits, ".", "_" and "-", not starting with a separator. */
export const isDirectoryName = (name: unknown): name is string => typeof name === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name);
