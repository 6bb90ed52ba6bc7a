export function screenshotClaim(id?: string, out?: string, report?: string): Promise<{ out: string; plots: string; text: string; images: number }>;
