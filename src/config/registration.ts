/** A walker a generated file asked to start while it was imported for its registrations only. */
export interface IRegistrationLaunch {
  symbol: string;
  walkerName: string;
}

/**
 * While a generated file is imported for its registrations only (paper trading), its
 * launcher must not run: Walker.run and Walker.background note the walker instead of
 * starting it, listeners are not subscribed and showProgress draws nothing. `active` is
 * true only during that import.
 */
export const registrationOnly = {
  active: false,
  launches: [] as IRegistrationLaunch[],
};
