// The framework an inspection uses is chosen by the kind of organisation its regime inspects.
import { describe, expect, it } from 'vitest';
import { bundledFrameworkFiles, currentBundledFrameworkKey, defaultFramework } from '../../reference/frameworks.ts';
import { currentFrameworkFor, frameworksFor } from './current.ts';

const shipped = bundledFrameworkFiles().map((f) => f.framework);

describe('the framework for a kind of organisation', () => {
  it('lists the versions that inspect the kind, newest first, and takes the newest as current', () => {
    expect(frameworksFor(shipped, 'youth-service').map((f) => f.key)).toEqual(['hmip-youth@2021', 'hmip-youth@2018']);
    expect(frameworksFor(shipped, 'pdu').map((f) => f.key)).toEqual(['hmip-adult-pdu@2021']);
    expect(currentFrameworkFor(shipped, 'youth-service')?.key).toBe('hmip-youth@2021');
    expect(currentBundledFrameworkKey('youth-service')).toBe('hmip-youth@2021');
    expect(defaultFramework()).toBe('hmip-adult-pdu@2021');
  });

  it('orders by the date published, then the version number, whatever the id', () => {
    const f = (key: string, version: string, published: string, kind: 'pdu' | 'youth-service' = 'pdu') => ({ key, regime: { ...shipped[0]!.regime, organisationKind: kind }, definition: { version, source: { published } } });
    const list = [f('a@9', '9', '2020-01'), f('b@10', '10', '2020-01'), f('c@1', '1', '2019-12'), f('y@1', '1', '2030-01', 'youth-service')];
    expect(frameworksFor(list, 'pdu').map((x) => x.key)).toEqual(['b@10', 'a@9', 'c@1']);
    expect(currentFrameworkFor(list.slice(0, 0), 'pdu')).toBeUndefined();
  });
});
