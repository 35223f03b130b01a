/** The region map the build draws from assets/regions (scripts/web/regionMap.ts), fetched once by the app. */
export interface RegionMapData {
  readonly width: number;
  readonly height: number;
  /** Equirectangular: x = (lng − minLng)·kx·scale + pad, y = (maxLat − lat)·scale + pad. */
  readonly projection: {
    readonly minLng: number;
    readonly maxLat: number;
    readonly kx: number;
    readonly scale: number;
    readonly pad: number;
  };
  /** A region drawn away from its place (추자면), and by how much it was moved. */
  readonly inset: { readonly code: string; readonly shift: readonly [number, number] } | null;
  readonly regions: readonly MapRegion[];
}

export interface MapRegion {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly type: "province" | "city" | "district" | "neighborhood" | "country";
  readonly parentCode: string | null;
  readonly center: { readonly lat: number; readonly lng: number } | null;
  /** SVG path data in the map's pixels; null for regions without their own boundary (the province). */
  readonly path: string | null;
}

/** From a point on the map (its own pixels) back to longitude and latitude. */
export const unproject = (data: RegionMapData, x: number, y: number, regionCode?: string) => {
  const shift = data.inset && regionCode === data.inset.code ? data.inset.shift : [0, 0];
  const p = data.projection;
  return {
    lng: (x - (shift[0] ?? 0) - p.pad) / (p.kx * p.scale) + p.minLng,
    lat: p.maxLat - (y - (shift[1] ?? 0) - p.pad) / p.scale,
  };
};

export const project = (data: RegionMapData, lat: number, lng: number, regionCode?: string) => {
  const shift = data.inset && regionCode === data.inset.code ? data.inset.shift : [0, 0];
  const p = data.projection;
  return { x: (lng - p.minLng) * p.kx * p.scale + p.pad + (shift[0] ?? 0), y: (p.maxLat - lat) * p.scale + p.pad + (shift[1] ?? 0) };
};
