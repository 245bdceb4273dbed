/**
 * @module teams/app/icons: the two icons a Teams app package needs, drawn in code: the
 * colour icon (192×192, a server rack on the accent colour) and the outline icon (32×32,
 * white on transparent, as the Teams app manifest requires).
 */
import { createRgba, encodePng, type Rgba } from './png.js';

export const ACCENT = '#2F5597';
type Colour = readonly [number, number, number, number];
const WHITE: Colour = [255, 255, 255, 255];
const hex = (value: string, alpha = 255): Colour => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16), alpha];

function fill(image: Rgba, x0: number, y0: number, w: number, h: number, colour: Colour): void {
  for (let y = Math.max(0, y0); y < Math.min(image.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x0 + w); x++) image.pixels.set(colour, (y * image.width + x) * 4);
  }
}

function frame(image: Rgba, x: number, y: number, w: number, h: number, t: number, colour: Colour): void {
  fill(image, x, y, w, t, colour);
  fill(image, x, y + h - t, w, t, colour);
  fill(image, x, y, t, h, colour);
  fill(image, x + w - t, y, t, h, colour);
}

/** Three rack units with a status light each, scaled to the icon. */
function rack(image: Rgba, unit: number, outline: boolean, background: Colour): void {
  const margin = Math.round(unit * 2.5);
  const height = unit * 2;
  const gap = Math.max(1, Math.round(unit * 0.75));
  const width = image.width - 2 * margin;
  const top = Math.round((image.height - (3 * height + 2 * gap)) / 2);
  for (let i = 0; i < 3; i++) {
    const y = top + i * (height + gap);
    if (outline) frame(image, margin, y, width, height, Math.max(1, Math.round(unit / 4)), WHITE);
    else fill(image, margin, y, width, height, WHITE);
    const light = Math.max(1, Math.round(unit / 2));
    fill(image, margin + width - 2 * light - Math.round(unit / 2), y + Math.round((height - light) / 2), light, light, outline ? WHITE : background);
  }
}

export function colourIcon(): Buffer {
  const image = createRgba(192, 192);
  const background = hex(ACCENT);
  fill(image, 0, 0, 192, 192, background);
  rack(image, 16, false, background);
  return encodePng(image);
}

export function outlineIcon(): Buffer {
  const image = createRgba(32, 32);
  rack(image, 3, true, [0, 0, 0, 0]);
  return encodePng(image);
}
