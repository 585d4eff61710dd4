/** @type {import('next').NextConfig} */
const config = {
  // `unthread-identity` is a native Node.js addon: Next.js must load it from node_modules at
  // run time instead of bundling it ("node addon is not placeable in ESM chunks" otherwise).
  serverExternalPackages: ['unthread-identity'],
}
export default config
