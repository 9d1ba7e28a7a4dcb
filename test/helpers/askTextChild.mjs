// A child process that asks the model one question through the library, as a user's script does:
//   ASK_HOST=http://127.0.0.1:PORT ASK_QUESTION=... node askTextChild.mjs
// The cache comes from the environment (BACKTEST_KIT_LLM_CACHE). Prints one JSON line,
// { answer, warnings } (warnings as [kind, details]), and then simply ends: nothing closes
// connections, so the process exits only if the library leaves nothing holding it open.
import { askText, listenWarning } from "../../build/index.mjs";

const warnings = [];
listenWarning((warning) => warnings.push([warning.kind, warning.details]));
const answer = await askText([{ role: "user", content: process.env.ASK_QUESTION }], { host: process.env.ASK_HOST, model: "m" });
process.stdout.write(`${JSON.stringify({ answer, warnings })}\n`);
