// Vite turns `?url` imports into the asset's URL (used for pdf.js's worker).
declare module '*?url' {
  const url: string;
  export default url;
}
