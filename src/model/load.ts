import iamText from './generated/iam.js'
import stsText from './generated/sts.js'
import { Model, ModelSource, type ShapeOverrides } from './shapes.js'

/**
 * The IAM and STS models, indexed from their generated text on first use (each entry parsed when
 * first asked for): a mock that is only imported never pays for them, a created one pays for the
 * few shapes its fixture uses.
 */
const parsed: { iam?: Model; sts?: Model } = {}
const derived = new WeakMap<Model, WeakMap<ShapeOverrides, Model>>()

export function iamModel(overrides?: ShapeOverrides): Model {
  const base = (parsed.iam ??= new Model(new ModelSource(iamText)))
  return overridden(base, overrides)
}

export function stsModel(overrides?: ShapeOverrides): Model {
  const base = (parsed.sts ??= new Model(new ModelSource(stsText)))
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
