// Synthetic but human-looking names, built from syllables written for this generator, so no
// generated person is a real one drawn from a list of real people.
import type { Rng } from './prng';

const words = (text: string): readonly string[] => text.split(' ');

const firstOnsets = words(
  'Al Bren Cal Dar El Fen Gar Hal Is Jor Kel Lor Mar Nor Or Per Quin Ros Sel Tam Ul Vel ' +
    'Wyn Yor Zan Ar Bel Cor Del Em Jes Lan Mir Ren Sav Tor Ad Bri Dom Ev',
);
const firstEndings = words(
  'a an en el ie o on ra ric ton vin wyn ya ina ette ald ias us ley lyn is ando iel ora ek',
);
const lastOnsets = words(
  'Ash Bram Cald Dun Elm Fair Gold Hart Ivers Kings Lock Marsh North Oak Pen Quill Red ' +
    'Stan Thorn Under Vale West Wick Yar Brook Crane Fox Hollow Mill Stone Brandt Cor Del ' +
    'Gar Mor Tal',
);
const lastEndings = words(
  'wood ford ley ton field well by more wick dale sworth cott hurst bury ridge ham stead ' +
    'ing er son ez ani ova ski ard',
);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function firstName(rng: Rng): string {
  return capitalise(rng.pick(firstOnsets) + rng.pick(firstEndings));
}

export function lastName(rng: Rng): string {
  // A few double-barrelled names, as in any large population.
  const name = rng.pick(lastOnsets) + rng.pick(lastEndings);
  return rng.chance(0.03) ? `${name}-${rng.pick(lastOnsets)}${rng.pick(lastEndings)}` : name;
}

/** The place the facility is named after. */
export function placeName(rng: Rng): string {
  return rng.pick(lastOnsets) + rng.pick(['field', 'ford', 'dale', 'bury', 'wood', 'ridge'] as const);
}
