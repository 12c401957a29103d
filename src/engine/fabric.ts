// Accelerator generation and the interconnect figures the throughput model needs: devices per
// scale-up domain (an NVLink node, a TPU pod slice), scale-up and scale-out bandwidth per device,
// unidirectional GB/s. Reference hardware-and-peers.md §1.1-1.2 (keys as in hardware.ts SOURCES);
// docs/calibration.md#interconnect lists them.

export type Generation =
  | 'volta' | 'ampere' | 'ada' | 'hopper' | 'blackwell' | 'cdna2' | 'cdna3'
  | 'tpu-v3' | 'tpu-v4' | 'tpu-v5' | 'tpu-v6' | 'trainium' | 'gaudi' | 'other';

/** Which fitted prior a generation uses (docs/calibration.md): ampere, hopper and tpu have published runs; the rest pool all runs. */
export type PriorClass = 'ampere' | 'hopper' | 'tpu' | 'pooled';

export interface Fabric {
  generation: Generation;
  /** Devices that share the scale-up interconnect (GPUs per node). */
  devicesPerNode: number;
  /** Scale-up bandwidth per device, unidirectional GB/s (NVLink, Infinity Fabric, ICI). */
  scaleUpGBs: number;
  /** Scale-out bandwidth per device, unidirectional GB/s (InfiniBand/RoCE/EFA NIC share). */
  scaleOutGBs: number;
  source: string;
}

const IB_NDR = 'DGX H100: 8 x 400 Gb/s NDR per node = 50 GB/s per GPU (S2)';
const PCIE4 = 'PCIe 4.0 x16, 32 GB/s; scale-out 100 Gb/s per node assumed (no NVLink)';

/** By catalog id (hardware.ts); a unit test checks every catalog entry has one. */
export const FABRIC: Readonly<Record<string, Fabric>> = {
  'V100-32GB': { generation: 'volta', devicesPerNode: 8, scaleUpGBs: 150, scaleOutGBs: 6.25, source: 'NVLink2 300 GB/s bidirectional (S2); DGX-1 4 x 100 Gb/s EDR per node (assumed)' },
  'A100-40GB': { generation: 'ampere', devicesPerNode: 8, scaleUpGBs: 300, scaleOutGBs: 25, source: 'NVLink3 600 GB/s bidirectional (S1, S2); DGX A100 one 200 Gb/s HDR NIC per GPU (S2)' },
  'A100-80GB': { generation: 'ampere', devicesPerNode: 8, scaleUpGBs: 300, scaleOutGBs: 25, source: 'as A100-40GB' },
  A10G: { generation: 'ampere', devicesPerNode: 8, scaleUpGBs: 32, scaleOutGBs: 1.56, source: PCIE4 },
  L4: { generation: 'ada', devicesPerNode: 8, scaleUpGBs: 32, scaleOutGBs: 1.56, source: PCIE4 },
  L40S: { generation: 'ada', devicesPerNode: 8, scaleUpGBs: 32, scaleOutGBs: 1.56, source: PCIE4 },
  'RTX-4090': { generation: 'ada', devicesPerNode: 8, scaleUpGBs: 32, scaleOutGBs: 1.56, source: PCIE4 },
  'H100-SXM': { generation: 'hopper', devicesPerNode: 8, scaleUpGBs: 450, scaleOutGBs: 50, source: `NVLink4 900 GB/s bidirectional (S1, S2); ${IB_NDR}` },
  'H100-PCIe': { generation: 'hopper', devicesPerNode: 8, scaleUpGBs: 64, scaleOutGBs: 25, source: 'PCIe 5.0 128 GB/s bidirectional (S1, S7); 200 Gb/s per GPU assumed' },
  H200: { generation: 'hopper', devicesPerNode: 8, scaleUpGBs: 450, scaleOutGBs: 50, source: `as H100 SXM (S1); ${IB_NDR}` },
  H800: { generation: 'hopper', devicesPerNode: 8, scaleUpGBs: 200, scaleOutGBs: 50, source: 'NVLink cut to 400 GB/s bidirectional, InfiniBand 50 GB/s per GPU (S8)' },
  B200: { generation: 'blackwell', devicesPerNode: 8, scaleUpGBs: 900, scaleOutGBs: 50, source: 'NVLink5 1,800 GB/s bidirectional (S1, S2); 400 Gb/s per GPU (S2, DGX B200)' },
  GB200: { generation: 'blackwell', devicesPerNode: 72, scaleUpGBs: 900, scaleOutGBs: 50, source: 'NVLink5 across the 72-GPU NVL72 domain (S1, S2)' },
  MI250X: { generation: 'cdna2', devicesPerNode: 4, scaleUpGBs: 350, scaleOutGBs: 25, source: 'Infinity Fabric 7 x 50 GB/s (S2); 4 x 200 Gb/s per node assumed' },
  MI300X: { generation: 'cdna3', devicesPerNode: 8, scaleUpGBs: 448, scaleOutGBs: 50, source: 'XGMI 7 x 64 GB/s (S1, S2); 400 Gb/s per GPU assumed' },
  MI325X: { generation: 'cdna3', devicesPerNode: 8, scaleUpGBs: 448, scaleOutGBs: 50, source: 'as MI300X (S2)' },
  'TPU-v3': { generation: 'tpu-v3', devicesPerNode: 1024, scaleUpGBs: 70, scaleOutGBs: 70, source: 'a pod of 1,024 chips on a 2D torus ICI; per-chip ICI bandwidth unconfirmed' },
  'TPU-v4': { generation: 'tpu-v4', devicesPerNode: 4096, scaleUpGBs: 150, scaleOutGBs: 150, source: 'a pod of 4,096 chips on a 3D torus ICI (S3); per-chip ICI bandwidth unconfirmed' },
  'TPU-v5e': { generation: 'tpu-v5', devicesPerNode: 256, scaleUpGBs: 200, scaleOutGBs: 200, source: 'ICI 1,600 Gb/s per chip, 256-chip 2D torus (S3)' },
  'TPU-v5p': { generation: 'tpu-v5', devicesPerNode: 8960, scaleUpGBs: 300, scaleOutGBs: 300, source: 'ICI 4,800 Gb/s per chip, 8,960-chip 3D torus (S3)' },
  'TPU-v6e': { generation: 'tpu-v6', devicesPerNode: 256, scaleUpGBs: 400, scaleOutGBs: 400, source: 'ICI 800 GB/s bidirectional per chip, 256-chip 2D torus (S3)' },
  Trainium: { generation: 'trainium', devicesPerNode: 16, scaleUpGBs: 96, scaleOutGBs: 6.25, source: 'trn1.32xlarge: 16 chips, 800 Gb/s EFA per instance (S4); NeuronLink-v2 rate not stated, assumed' },
  Trainium2: { generation: 'trainium', devicesPerNode: 16, scaleUpGBs: 320, scaleOutGBs: 25, source: 'NeuronLink-v3 640 GB/s (S2); EFA v3 16 x 200 Gb/s per instance (S2)' },
  Gaudi2: { generation: 'gaudi', devicesPerNode: 8, scaleUpGBs: 131, scaleOutGBs: 37.5, source: '21 of 24 x 100 GbE ports intra-node, 262.5 GB/s (S1); 3 ports per chip scale-out' },
  Gaudi3: { generation: 'gaudi', devicesPerNode: 8, scaleUpGBs: 300, scaleOutGBs: 75, source: '24 x 200 GbE, 600 GB/s intra-node (S2)' },
};

/** A device the table does not know (a custom accelerator): one per node, a 25 GB/s link. */
export const UNKNOWN_FABRIC: Fabric = { generation: 'other', devicesPerNode: 1, scaleUpGBs: 25, scaleOutGBs: 25, source: 'assumed for an accelerator without interconnect figures' };

export function fabricOf(id: string | undefined): Fabric {
  return (id !== undefined && FABRIC[id]) || UNKNOWN_FABRIC;
}

export function priorClassOf(g: Generation): PriorClass {
  if (g === 'ampere' || g === 'ada') return 'ampere';
  if (g === 'hopper' || g === 'blackwell') return 'hopper';
  if (g.startsWith('tpu')) return 'tpu';
  return 'pooled';
}
