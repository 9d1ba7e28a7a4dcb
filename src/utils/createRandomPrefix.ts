import { randomBytes } from "node:crypto";

/** Letters and digits a random prefix is drawn from. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Length of a generated name prefix, as in the reference. */
const PREFIX_LENGTH = 7;

/** A random 7-character [a-z0-9] prefix for the names in generated code. */
export const createRandomPrefix = (): string =>
  Array.from(randomBytes(PREFIX_LENGTH), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
