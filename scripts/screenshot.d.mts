export function screenshotClaim(id?: string, out?: string, report?: string): Promise<{ out: string; plots: string; text: string; images: number; order: { description: number | null; parameters: number | null } }>;
export function screenshotFront(out?: string, report?: string, id?: string): Promise<{
  out: string; text: string; groups: string[]; map: { width: number; shown: number }[]; clicks: number; opened: string;
}>;
