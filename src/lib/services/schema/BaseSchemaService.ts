import { ToolRegistry } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";

/**
 * Storage of one kind of schema in an immutable functools-kit ToolRegistry; every schema
 * is checked by the subclass's validateShallow before it is stored. ToolRegistry looks
 * names up with `in` on a plain object, so a name such as "toString" or "__proto__"
 * would hit Object.prototype; a fixed prefix keeps every name its own.
 */
export abstract class BaseSchemaService<T extends object> {
  protected readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private registry: ToolRegistry<Record<string, T>>;

  constructor(private readonly kind: string) {
    this.registry = new ToolRegistry<Record<string, T>>(`${kind}Schema`);
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public abstract validateShallow(schema: T): void;

  private toKey = (name: string) => `${this.kind}:${name}`;

  /** Validates and stores a schema under `key`. */
  public register = (key: string, value: T) => {
    this.loggerService.log(`${this.kind}SchemaService register`, { key });
    this.validateShallow(value);
    this.registry = this.registry.register(this.toKey(key), value);
  };

  /** Merges `value` over the schema stored under `key` and returns the result. */
  public override = (key: string, value: Partial<T>): T => {
    this.loggerService.log(`${this.kind}SchemaService override`, { key });
    this.registry = this.registry.override(this.toKey(key), value);
    return this.registry.get(this.toKey(key));
  };

  /** The schema stored under `key`; throws when there is none. */
  public get = (key: string): T => this.registry.get(this.toKey(key));
}

export default BaseSchemaService;
