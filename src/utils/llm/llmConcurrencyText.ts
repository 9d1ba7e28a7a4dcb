import { ILlmConcurrencySnapshot } from "../../interfaces/LlmLimiter.interface";

/**
 * The one line saying where the model request pool's limit stands and why it last moved:
 * "LLM requests in flight: adaptive, settled at 12 (highest 16, fell 1 time(s), last moved
 * from 16 to 12 (latency))"; a fixed pool says "fixed at N".
 */
export const llmConcurrencyText = ({ mode, limit, peak, falls, lastChange }: ILlmConcurrencySnapshot) => {
  const where = mode === "fixed" ? `fixed at ${limit}` : `adaptive, settled at ${limit}`;
  const moved = lastChange ? `, last moved from ${lastChange.from} to ${lastChange.to} (${lastChange.reason})` : "";
  return `LLM requests in flight: ${where} (highest ${peak}, fell ${falls} time(s)${moved})`;
};
