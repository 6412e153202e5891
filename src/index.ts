/** Public API: the stack, its config type and the one error bad config raises. */
export { BatchStack } from './stack/batch-stack';
export { ConfigError, type ConfigProblem } from './config/errors';
export { parseConfig } from './config/parse';
export { loadConfigFile } from './config/load';
export type {
  BatchConfig,
  ComputeEnvironmentConfig,
  JobDefinitionConfig,
  JobQueueConfig,
  NetworkConfig,
  ResolvedConfig,
} from './config/schema';
