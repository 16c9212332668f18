/** Every language must have exactly the keys Spanish has: a missing string is a type error. */
import type { es } from './es';

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Resource = Shape<typeof es>;
