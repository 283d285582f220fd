import iamText from './generated/iam.js'
import stsText from './generated/sts.js'
import { Model, type ModelSource, type ShapeOverrides } from './shapes.js'

/**
 * The IAM and STS models, parsed from their generated JSON text on first use: a mock that is
 * only imported (or a bundle that only imports `IamError`) never pays for them.
 */
const parsed: { iam?: Model; sts?: Model } = {}
const derived = new WeakMap<Model, WeakMap<ShapeOverrides, Model>>()

export function iamModel(overrides?: ShapeOverrides): Model {
  const base = (parsed.iam ??= new Model(JSON.parse(iamText) as ModelSource))
  return overridden(base, overrides)
}

export function stsModel(overrides?: ShapeOverrides): Model {
  const base = (parsed.sts ??= new Model(JSON.parse(stsText) as ModelSource))
  return overridden(base, overrides)
}

function overridden(base: Model, overrides: ShapeOverrides | undefined): Model {
  if (!overrides || Object.keys(overrides).length === 0) return base
  let models = derived.get(base)
  if (!models) derived.set(base, (models = new WeakMap()))
  let model = models.get(overrides)
  if (!model) models.set(overrides, (model = base.withOverrides(overrides)))
  return model
}
