import { describe, expect, test } from 'vitest';
import { createEventBus, emitChange, eventBusOf, type CoreEvent } from '../../electron/core/events';
import { seededCoreFixture } from '../support/tempCore';

/** The in-process bus of change events (issue 14 item 1). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the event bus', () => {
  test('delivers events on a later turn, in order, to every listener, until it unsubscribes', async () => {
    const bus = createEventBus();
    const a: CoreEvent[] = [];
    const b: CoreEvent[] = [];
    const stopA = bus.subscribe((events) => a.push(...events));
    bus.subscribe((events) => b.push(...events));
    bus.emit({ type: 'read', userId: 1, cableId: 2 });
    bus.emit({ type: 'draft', draftId: 3 });
    // Not yet: an emitting transaction has not finished when emit returns.
    expect(a).toEqual([]);
    await nextTurn();
    expect(a).toEqual([
      { type: 'read', userId: 1, cableId: 2 },
      { type: 'draft', draftId: 3 },
    ]);
    expect(b).toEqual(a);
    stopA();
    bus.emit({ type: 'draft', draftId: 4 });
    await nextTurn();
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(3);
  });

  test('a listener that throws is reported and the others still hear', async () => {
    const errors: unknown[] = [];
    const bus = createEventBus((e) => errors.push(e));
    const heard: CoreEvent[] = [];
    bus.subscribe(() => {
      throw new Error('listener broke');
    });
    bus.subscribe((events) => heard.push(...events));
    bus.emit({ type: 'draft', draftId: 1 });
    await nextTurn();
    expect(heard).toHaveLength(1);
    expect(errors).toEqual([new Error('listener broke')]);
  });

  test('with nobody listening nothing is queued', async () => {
    const bus = createEventBus();
    bus.emit({ type: 'draft', draftId: 1 });
    const heard: CoreEvent[] = [];
    bus.subscribe((events) => heard.push(...events));
    await nextTurn();
    expect(heard).toEqual([]);
  });

  test('a large burst arrives in bounded batches', async () => {
    const bus = createEventBus();
    const sizes: number[] = [];
    bus.subscribe((events) => sizes.push(events.length));
    for (let i = 0; i < 1200; i++) bus.emit({ type: 'draft', draftId: i });
    while (sizes.reduce((s, n) => s + n, 0) < 1200) await nextTurn();
    expect(sizes).toEqual([512, 512, 176]);
  });
});

describe('change events from core', () => {
  const seeded = seededCoreFixture();

  test('one bus per database', async () => {
    const core = seeded();
    expect(eventBusOf(core.db)).toBe(eventBusOf(core.db));
    const heard: CoreEvent[] = [];
    eventBusOf(core.db).subscribe((events) => heard.push(...events));
    emitChange(core.db, { type: 'draft', draftId: 9 });
    await nextTurn();
    expect(heard).toEqual([{ type: 'draft', draftId: 9 }]);
  });

  test('acknowledging, opening and filing are announced', async () => {
    const core = seeded();
    const heard: CoreEvent[] = [];
    eventBusOf(core.db).subscribe((events) => heard.push(...events));
    const duty = await core.users.byLogin('duty-usro');
    const flash = core.handling.alerts(duty).find((r) => r.precedence === 'FLASH');
    expect(flash).toBeDefined();
    core.cables.show(duty, flash!.cableId, 'app');
    core.handling.acknowledge(duty, flash!.deliveryId);
    core.handling.markRead(duty, flash!.deliveryId);
    await nextTurn();
    expect(heard).toEqual([
      { type: 'read', userId: duty.userId, cableId: flash!.cableId },
      { type: 'acknowledged', cableId: flash!.cableId, deliveryId: flash!.deliveryId, stationId: duty.stationId },
      { type: 'read', userId: duty.userId, cableId: flash!.cableId },
    ]);
  });
});
