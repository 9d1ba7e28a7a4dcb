/** Environment values that switch a setting on, lower case. */
export const ON_WORDS = ["on", "1", "true", "yes"];

/** Environment values that switch a setting off, lower case. */
export const OFF_WORDS = ["off", "0", "false", "no"];
