/** The origins of your pages, which may fetch a token (both runtimes' token routes). */
export const ALLOWED_ORIGINS = [process.env.APP_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`]
