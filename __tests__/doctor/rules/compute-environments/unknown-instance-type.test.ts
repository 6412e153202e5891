import { describe, expect, it } from 'vitest';
import { ceUnknownInstanceType } from '../../../../src/doctor/rules/compute-environments/unknown-instance-type';
import { check, computeResources, ec2Stack, fargateStack } from '../../helpers';

describe('BATCH_CE_UNKNOWN_INSTANCE_TYPE', () => {
  it('reports a size or family that does not exist, with the nearest real ones', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['m6i.superhuge', 'm5', 'c9x'];
    const [f, ...rest] = check(ceUnknownInstanceType, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', address: 'aws_batch_compute_environment.ec2' });
    expect(f!.message).toMatch(/^instance_type "m6i.superhuge": m6i has no size "superhuge"; its sizes are large, xlarge.*; "c9x": there is no EC2 instance family "c9x"$/);
    expect(f!.fix).toContain('For "m6i.superhuge": use');
  });

  it('passes real families, sizes and the aliases; a list it cannot read is not judged', () => {
    const r = ec2Stack();
    computeResources(r).instance_type = ['m6i.large', 'c7g', 'optimal', 'default_x86_64', 'default_arm64', 'g5.xlarge'];
    expect(check(ceUnknownInstanceType, r)).toEqual([]);
    computeResources(r).instance_type = '${var.instance_types}';
    expect(check(ceUnknownInstanceType, r)).toEqual([]);
    expect(check(ceUnknownInstanceType, fargateStack())).toEqual([]);
  });
});
