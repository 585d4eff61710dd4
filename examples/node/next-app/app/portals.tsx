'use client'
// The portals as client components, made with this app's React (the package is loaded outside
// Next.js's bundle, where `import 'react'` would find another copy).
import * as React from 'react'
import { portals } from 'unthread-identity/react'

export const { ClassicPortal, EmbeddedPortal } = portals(React)
