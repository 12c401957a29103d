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

/** Energy in kWh: device-hours x W x PUE (PaLM App. B emissions method; Llama 2 Table 2). */
export function energyKwhFor(gpuHours: number, powerW: number, pue: number): number {
  return (gpuHours * powerW * pue) / 1000;
}

/** Location-based CO2e in kg: kWh x grid gCO2e/kWh (PaLM App. B: 0.079 tCO2e/MWh). */
export function co2KgFor(energyKwh: number, gridGco2PerKwh: number): number {
  return (energyKwh * gridGco2PerKwh) / 1000;
}

/** FLOP/s each device sustained over a run that took `gpuHours` device-hours. */
export function achievedFlopsPerDevice(flops: number, gpuHours: number): number {
  return flops / (gpuHours * 3600);
}

/** MFU implied by reported device-hours: achieved FLOP/s over peak (PaLM Sec. 4.1 definition). */
export function impliedMfu(flops: number, peakFlops: number, gpuHours: number): number {
  return achievedFlopsPerDevice(flops, gpuHours) / peakFlops;
}

export function estimateCost(i: CostInputs): CostEstimate {
  const gpuHours = gpuHoursFor(i.flops, i.peakFlops, i.mfu);
  const wallClockDays = gpuHours / i.count / 24;
  const usd = i.pricePerHour === undefined ? null : gpuHours * i.pricePerHour;
  const energyKwh = i.powerW === undefined ? null : energyKwhFor(gpuHours, i.powerW, i.pue);
  const co2Kg = energyKwh === null ? null : co2KgFor(energyKwh, i.gridGco2PerKwh);
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
