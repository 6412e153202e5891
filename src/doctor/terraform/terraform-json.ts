/** Terraform JSON configuration, as cdktf writes it or @cdktf/hcl2json converts HCL to it. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, unknown>;
  readonly [key: string]: unknown;
}
