// PDF space is in points (1/72 inch); templates speak millimetres, as paper does.
export const PT_PER_MM = 72 / 25.4;

export const mm = (value: number): number => value * PT_PER_MM;

export const PAPER_MM = {
  A4: { width: 210, height: 297 },
  A5: { width: 148, height: 210 },
} as const;
