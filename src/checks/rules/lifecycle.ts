import { block, literalBool, type Resource } from '../model';

/** lifecycle.create_before_destroy: true, false, or undefined when an expression. */
export function createBeforeDestroy(resource: Resource): boolean | undefined {
  const lifecycle = block(resource.body, 'lifecycle');
  const v = lifecycle?.['create_before_destroy'];
  return v === undefined ? false : literalBool(v);
}
