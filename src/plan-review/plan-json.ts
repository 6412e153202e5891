/**
 * The parts of Terraform's JSON plan format (`terraform show -json <plan>`,
 * format_version 1.x) this project reads, and the change kind of a resource.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete';

export interface Change {
  readonly actions: readonly Action[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  /** Mirrors `after`: `true` where the value is known only after apply. */
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  /** Attribute paths that force the replacement. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
}

/** An output's change: like a resource's, with any value in `before`/`after`. */
export interface OutputChange extends Omit<Change, 'before' | 'after'> {
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly change: Change;
  readonly action_reason?: string;
}

export interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version: number;
  readonly values: Record<string, unknown>;
  readonly sensitive_values?: unknown;
}

export interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

export interface ConfigResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider_config_key?: string;
  readonly expressions?: Record<string, unknown>;
  readonly depends_on?: readonly string[];
  readonly schema_version?: number;
}

export interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Record<string, { readonly source?: string; readonly module: ConfigModule }>;
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly planned_values?: { readonly root_module: PlannedModule };
  readonly resource_changes?: readonly ResourceChange[];
  /** Root outputs' changes: `before`/`after` values, `after_unknown`, `*_sensitive`. */
  readonly output_changes?: Readonly<Record<string, OutputChange>>;
  readonly prior_state?: unknown;
  readonly configuration?: {
    readonly provider_config?: Record<string, unknown>;
    readonly root_module: ConfigModule;
  };
  readonly errored?: boolean;
}

/**
 * One word per resource for what the plan does to it. Terraform encodes a
 * replacement as two actions, and their order is the difference that matters
 * for Batch: ["create","delete"] is create-before-destroy, ["delete","create"]
 * destroys first.
 */
export type ChangeKind =
  | 'no-op'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'replace-create-before-destroy'
  | 'replace-destroy-before-create';

export function changeKind(actions: readonly Action[]): ChangeKind {
  const key = actions.join(',');
  switch (key) {
    case 'create,delete':
      return 'replace-create-before-destroy';
    case 'delete,create':
      return 'replace-destroy-before-create';
    case 'no-op':
    case 'create':
    case 'read':
    case 'update':
    case 'delete':
      return key;
    default:
      throw new Error(`unexpected plan actions [${key}]`);
  }
}
