import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import FrameSchemaService from "../schema/FrameSchemaService";
import ClientFrame from "../../../client/engine/ClientFrame";
import { FrameName } from "../../../interfaces/Frame.interface";
import { raiseWarning } from "../../../config/emitters";
import { GLOBAL_CONFIG } from "../../../config/params";

/** The bound of a frame callback in the current configuration. */
const GET_CALLBACK_TIMEOUT_MS = () => GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS;

/** Builds one ClientFrame per frame name (memoized). */
export class FrameConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly frameSchemaService = inject<FrameSchemaService>(TYPES.frameSchemaService);

  /** The client of one frame, built on first use. */
  public getFrame = memoize(
    ([frameName]) => `${frameName}`,
    (frameName: FrameName) =>
      new ClientFrame({
        ...this.frameSchemaService.get(frameName),
        logger: this.loggerService,
        warn: raiseWarning,
        getCallbackTimeoutMs: GET_CALLBACK_TIMEOUT_MS,
      })
  );
}

export default FrameConnectionService;
