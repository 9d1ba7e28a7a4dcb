import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";

/**
 * Which names of one kind exist, in registration order: a taken name is refused with
 * "KIND NAME already exist" and an unknown one with "KIND NAME not found source=...".
 */
export abstract class BaseValidationService<T> {
  protected readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly entries = new Map<string, T>();

  constructor(private readonly kind: string) {}

  /** Records a new name; a name already taken is an error. */
  public add = (name: string, value: T): void => {
    this.loggerService.log(`${this.kind}ValidationService add`, { name });
    if (this.entries.has(name)) {
      throw new Error(`${this.kind} ${name} already exist`);
    }
    this.entries.set(name, value);
  };

  /**
   * Throws when nothing is registered under `name`; `source` names the caller. A success
   * is remembered per name, so repeated calls cost a map lookup.
   */
  public validate = memoize(
    ([name]) => `${name}`,
    (name: string, source: string): true => {
      this.loggerService.log(`${this.kind}ValidationService validate`, { name, source });
      if (!this.entries.has(name)) {
        throw new Error(`${this.kind} ${name} not found source=${source}`);
      }
      return true;
    }
  ) as (name: string, source: string) => true;

  /** True when something is registered under `name`. */
  public has = (name: string): boolean => this.entries.has(name);

  /** Every registered schema, in registration order. */
  public list = (): T[] => Array.from(this.entries.values());
}

export default BaseValidationService;
