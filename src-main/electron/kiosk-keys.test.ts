// Kiosk mode's key guard: what it refuses and why, what it leaves to the page, against a stand-in
// of the window's webContents.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardKioskKeys, kioskRefusal } from './kiosk-keys';

describe('kiosk keys', () => {
  const key = (key: string, mods: Partial<Record<'control' | 'alt' | 'meta' | 'shift', boolean>> = {}) => ({
    type: 'keyDown',
    key,
    control: false,
    alt: false,
    meta: false,
    shift: false,
    ...mods,
  });

  it.each([
    [key('F4', { alt: true }), 'close the window'],
    [key('F4', { control: true }), 'close the window'],
    [key('w', { control: true }), 'close the window'],
    [key('w', { meta: true }), 'close the window'],
    [key('q', { meta: true }), 'quit'],
    [key('r', { control: true }), 'reload'],
    [key('R', { control: true, shift: true }), 'reload'],
    [key('F5'), 'reload'],
    [key('F11'), 'leave full screen'],
    [key('f', { control: true, meta: true }), 'leave full screen'],
    [key('F12'), 'open developer tools'],
    [key('I', { control: true, shift: true }), 'open developer tools'],
    [key('p', { control: true }), 'print'],
    [key('s', { control: true }), 'save or open a page'],
    [key('n', { control: true }), 'open a window'],
    [key('h', { meta: true }), 'hide or minimise'],
  ])('refuses %o (%s)', (input, why) => {
    expect(kioskRefusal(input)).toBe(why);
  });

  it.each([
    key('l', { control: true }),
    key('a', { control: true }),
    key('c', { control: true }),
    key('v', { control: true }),
    key('Escape'),
    key('Tab'),
    key('Enter'),
    key('?', { shift: true }),
    key('6'),
  ])('lets the page have %o (locking, editing, dialogs, shortcuts)', (input) => {
    expect(kioskRefusal(input)).toBeNull();
  });

  it('removes the menu and prevents refused keys before the page sees them', () => {
    const contents = new EventEmitter();
    let menuRemoved = false;
    guardKioskKeys({ removeMenu: () => (menuRemoved = true), webContents: contents as never });
    expect(menuRemoved).toBe(true);
    const press = (input: ReturnType<typeof key>) => {
      let prevented = false;
      contents.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
      return prevented;
    };
    expect(press(key('F4', { alt: true }))).toBe(true);
    expect(press(key('l', { control: true }))).toBe(false);
    expect(press({ ...key('F4', { alt: true }), type: 'keyUp' })).toBe(false);
  });
});
