--- Quote marks paired into quotations, paragraph by paragraph (used by
-- newscorpus.quotes and newscorpus.events): straight " and ', curly “ ” ‘ ’, „
-- and « »; a straight mark opens after a space, bracket, dash or colon and
-- closes before a space or punctuation; ’ and ' with a letter after them are
-- apostrophes. Single quotes count only outside double ones. A paragraph that
-- opens a quote without closing it continues into the next when that one opens
-- with a mark; else the quote ends with its paragraph (closed = false). No input
-- is an error. Read in C (nc_quote_paragraphs, nc_quote_pair in src/nc_quotes.c).
-- @module newscorpus.quotemarks
local core = require "newscorpus.core"
local find_byte = core.find_byte

local M = {}

--- Paragraphs of text: list of {a, b}. A newline ends a paragraph, but in
-- hard-wrapped text (blank lines between paragraphs, no line over 100 bytes)
-- only a blank line does.
M.paragraphs = core.paragraphs

--- Pair the marks into quotations: list of {open, close (pos of the marks; close
-- nil when unclosed), a, b (the text inside, trimmed of spaces and of the comma,
-- colon or semicolon before an attribution), para (index of the first
-- paragraph), closed, single}, by open.
M.pair = core.pair_quotes

--- Whether text holds a straight double mark or a lead byte of the others
-- (\226 of “ ” „ ‘ ’, \194 of « »), found in C.
function M.has_mark_byte(text)
  return find_byte(text, "\"\226\194") ~= nil
end

return M
