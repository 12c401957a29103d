// Time, GPU-hours, dollars, energy and CO2 for a FLOP count on a device fleet.
// GPU-hours = C / (peak x MFU x 3600); energy = GPU-hours x W x PUE; CO2 = energy x grid
// intensity (PaLM App. B method; reference notes §9 and §1.7).

export interface CostInputs {
  flops: number;
  peakFlops: number;
  mfu: number;
  count: number;
  pricePerHour?: number;
  powerW?: number;
  pue: number;
  gridGco2PerKwh: number;
}

export interface CostEstimate {
  gpuHours: number;
  wallClockDays: number;
  usd: number | null;
  energyKwh: number | null;
  co2Kg: number | null;
}

export function gpuHoursFor(flops: number, peakFlops: number, mfu: number): number {
  return flops / (peakFlops * mfu * 3600);
}

export function estimateCost(i: CostInputs): CostEstimate {
  const gpuHours = gpuHoursFor(i.flops, i.peakFlops, i.mfu);
  const wallClockDays = gpuHours / i.count / 24;
  const usd = i.pricePerHour === undefined ? null : gpuHours * i.pricePerHour;
  const energyKwh = i.powerW === undefined ? null : (gpuHours * i.powerW * i.pue) / 1000;
  const co2Kg = energyKwh === null ? null : (energyKwh * i.gridGco2PerKwh) / 1000;
  return { gpuHours, wallClockDays, usd, energyKwh, co2Kg };
}

/** The most FLOPs a budget buys: the tighter of dollars, GPU-hours and a deadline. */
export function flopsWithinBudget(b: {
  peakFlops: number;
  mfu: number;
  count: number;
  pricePerHour?: number;
  usd?: number;
  gpuHours?: number;
  days?: number;
}): number | undefined {
  const perGpuHour = b.peakFlops * b.mfu * 3600;
  const limits: number[] = [];
  if (b.usd !== undefined && b.pricePerHour !== undefined && b.pricePerHour > 0) limits.push((b.usd / b.pricePerHour) * perGpuHour);
  if (b.gpuHours !== undefined) limits.push(b.gpuHours * perGpuHour);
  if (b.days !== undefined) limits.push(b.days * 24 * b.count * perGpuHour);
  return limits.length ? Math.min(...limits) : undefined;
}
