// `unthread-identity/web` over the WebAssembly build (edge-light.mjs): the same handlers as the addon's.
import webHandlers from '../integrations/web-handlers.js'
import * as api from './edge-light.mjs'

export const { createUserHandler, createTokenHandler } = webHandlers(api)
