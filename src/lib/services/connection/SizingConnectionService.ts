import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import SizingSchemaService from "../schema/SizingSchemaService";
import ClientSizing from "../../../client/sizing/ClientSizing";
import { ISizing, SizingName } from "../../../interfaces/Sizing.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { deliverWarning } from "../context/EventContextService";

/** Builds the ClientSizing of a sizing schema, once per name. */
export class SizingConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly sizingSchemaService = inject<SizingSchemaService>(TYPES.sizingSchemaService);

  /** The calculator of `sizingName`. */
  public getSizing = memoize(
    ([sizingName]) => `${sizingName}`,
    (sizingName: SizingName): ISizing => {
      this.loggerService.log("sizingConnectionService getSizing", { sizingName });
      return new ClientSizing({
        ...this.sizingSchemaService.get(sizingName),
        callbackTimeoutMs: GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS,
        warn: deliverWarning,
      });
    }
  );
}

export default SizingConnectionService;
