// `unthread-identity/web` over the WebAssembly build (workerd.mjs): the same handlers as the addon's.
import webHandlers from '../integrations/web-handlers.js'
import * as api from './workerd.mjs'

export const { createUserHandler, createTokenHandler } = webHandlers(api)
