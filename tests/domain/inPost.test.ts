import { describe, expect, test } from 'vitest';
import { inPostDistribution, type PostDistributionInput } from '../../electron/domain/inPost';

const post: PostDistributionInput = {
  captions: [],
  role: 'ACTION',
  named: [],
  principal: 'Finletter',
  exdisDesignees: ['Deputy'],
  offices: ['COMMS', 'FRONT', 'POL'],
  actionOffice: 'POL',
  frontOffice: 'FRONT',
};

describe('in-post distribution (routing slips)', () => {
  test('plain action traffic goes to the action office with a copy to the front office; info to every office', () => {
    expect(inPostDistribution(post)).toMatchObject({ offices: ['POL', 'FRONT'], persons: [] });
    expect(inPostDistribution({ ...post, role: 'INFO' })).toMatchObject({ offices: ['COMMS', 'FRONT', 'POL'] });
    expect(inPostDistribution({ ...post, actionOffice: null })).toMatchObject({ offices: ['FRONT'] });
  });

  test('captions narrow the slip: EYES ONLY to the named, NODIS to principal and named, EXDIS adds designees, LIMDIS the action office', () => {
    expect(inPostDistribution({ ...post, captions: ['EYES_ONLY'], named: ['Finletter'] })).toMatchObject({
      offices: [],
      persons: ['Finletter'],
    });
    expect(inPostDistribution({ ...post, captions: ['NODIS'], named: ['Burgess'] })).toMatchObject({
      offices: [],
      persons: ['Finletter', 'Burgess'],
    });
    expect(inPostDistribution({ ...post, captions: ['EXDIS'] })).toMatchObject({
      offices: [],
      persons: ['Finletter', 'Deputy'],
    });
    expect(inPostDistribution({ ...post, captions: ['LIMDIS'] })).toMatchObject({
      offices: ['POL'],
      persons: ['Finletter'],
    });
    // The most restrictive caption decides.
    expect(inPostDistribution({ ...post, captions: ['NODIS', 'EXDIS'] }).rule).toMatch(/^NODIS/);
  });
});
