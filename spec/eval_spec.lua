-- Accuracy floor on real annotated news (GUM, in ../shared/data): the splitter must
-- keep sentence-boundary F1 >= 0.95 and token agreement with GUM's orthographic
-- words >= 0.98. `make eval` prints the full figures.
local nc = require "newscorpus"
local gum = require "gum"
local core = require "newscorpus.core"

local dir = os.getenv("GUM_DIR") or "../shared/data/gum/dep"

describe("GUM gold", function()
  it("is present", function()
    assert.truthy(core.listdir(dir), "GUM CoNLL-U not found at " .. dir .. " (set GUM_DIR)")
  end)

  it("sentence boundaries: F1 >= 0.95, tokens: F1 >= 0.98", function()
    local t = gum.evaluate(nc, dir, "\n\n")
    assert.is_true(t.docs >= 30)
    local _, _, f = gum.prf(t.sent_tp, t.sent_pred, t.sent_gold)
    assert.is_true(f >= 0.95, ("sentence F1 %.3f"):format(f))
    local _, _, tf = gum.prf(t.ortho_tp, t.tok_pred, t.ortho_gold)
    assert.is_true(tf >= 0.98, ("token F1 %.3f"):format(tf))
  end)

  it("reconstructs texts whose gold spans are the gold sentences", function()
    local docs = gum.read(dir .. "/GUM_news_afghan.conllu")
    assert.equal(1, #docs)
    local d = docs[1]
    assert.equal("After visa snags, all-girl Afghan team honored for 'courageous achievement' at international robotics competition",
      d.text:sub(d.sents[1].start, d.sents[1].stop))
  end)
end)
