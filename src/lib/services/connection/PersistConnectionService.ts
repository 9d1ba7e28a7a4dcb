import {
  PersistPartialUtils,
  PersistRiskUtils,
  PersistScheduleUtils,
  PersistSignalUtils,
} from "../../../client/live/PersistAdapters";

/**
 * The one instance of each persistence adapter: live runs read and write through them,
 * and the public PersistSignalAdapter & co are these same objects, so a store plugged in
 * with `usePersist...Adapter(Ctor)` serves the runs.
 */
export class PersistConnectionService {
  public readonly signal = new PersistSignalUtils();
  public readonly schedule = new PersistScheduleUtils();
  public readonly risk = new PersistRiskUtils();
  public readonly partial = new PersistPartialUtils();
}

export default PersistConnectionService;
