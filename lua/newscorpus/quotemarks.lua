--- Quote marks paired into quotations, paragraph by paragraph (used by
-- newscorpus.quotes): straight " and ', curly “ ” ‘ ’, „ and « »; a straight mark
-- opens after a space, bracket, dash or colon and closes before a space or
-- punctuation; ’ and ' with a letter after them are apostrophes. Single quotes
-- count only outside double ones. A paragraph that opens a quote without
-- closing it continues into the next when that one opens with a mark; else the
-- quote ends with its paragraph (closed = false). No input is an error.
-- @module newscorpus.quotemarks
local byte, sub, find = string.byte, string.sub, string.find
local find_byte = require("newscorpus.core").find_byte

-- the bytes a mark starts with: " ' and the lead bytes of “ ” „ ‘ ’ (\226) and « » (\194)
local MARK_BYTES = "\"'\226\194"

local M = {}


-- A byte that lets a straight mark after it open a quote (a space, a bracket, a
-- dash, a colon) or before it close one.
local function opens_after(c)
  return c == nil or c == 32 or c == 9 or c == 10 or c == 13 or c == 40 or c == 91 or c == 123
    or c == 58 or c == 45 or c == 0x94 or c == 0x93   -- last bytes of — –
end
local function closes_before(c)
  return c == nil or c == 32 or c == 9 or c == 10 or c == 13 or c == 44 or c == 46 or c == 59
    or c == 58 or c == 33 or c == 63 or c == 41 or c == 93 or c == 125 or c == 45 or c == 0xE2
end
local function is_alnum(c)
  return c and ((c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122) or c >= 0xC3)
end

-- The marks of text[a..b], one paragraph: list of {pos, len, role, single};
-- role "o" (opens), "c" (closes) or "e" (either: a straight mark with words or
-- spaces on both sides).
local function para_marks(text, a, b, out)
  local p = a
  while true do
    local s = find_byte(text, MARK_BYTES, p, b)
    if not s then break end
    local c = byte(text, s)
    local len, role, single = 1, nil, false
    if c == 34 or c == 39 then
      local before, after = s > a and byte(text, s - 1) or nil, s < b and byte(text, s + 1) or nil
      single = c == 39
      local o, cl = opens_after(before) and not opens_after(after), closes_before(after) and not opens_after(before)
      if single then
        -- an apostrophe (don't, Russia's, the 1990s') never opens or closes
        if o and is_alnum(after) then role = "o"
        elseif cl then role = "c" end
      else
        role = (o and "o") or (cl and "c") or "e"
      end
    elseif c == 0xE2 then
      local c2, c3 = byte(text, s + 1, s + 2)
      len = 3
      if c2 == 0x80 then
        if c3 == 0x9C or c3 == 0x9E then role = "o"
        elseif c3 == 0x9D then role = "c"
        elseif c3 == 0x98 then role, single = "o", true
        elseif c3 == 0x99 then
          -- ’ is an apostrophe too: a closing mark only with no letter after it
          local after = byte(text, s + 3)
          if not is_alnum(after) and s > a and not opens_after(byte(text, s - 1)) then role, single = "c", true end
        end
      end
    elseif c == 0xC2 then
      local c2 = byte(text, s + 1)
      len = 2
      if c2 == 0xAB then role = "o" elseif c2 == 0xBB then role = "c" end
    end
    if role then out[#out + 1] = { pos = s, len = len, role = role, single = single } end
    p = s + len
  end
  return out
end

-- Whether text has a line of more than `limit` bytes (one pass over its newlines).
local function has_long_line(text, limit)
  local p, n = 1, #text
  while true do
    local s = find(text, "\n", p, true)
    if (s or n + 1) - p > limit then return true end
    if not s then return false end
    p = s + 1
  end
end

-- A space, tab, CR or newline byte.
local function blank(c) return c == 32 or c == 9 or c == 13 or c == 10 end

-- Paragraphs of text: list of {a, b}. A newline ends a paragraph, but in
-- hard-wrapped text (blank lines between paragraphs, no line over 100 bytes)
-- only a blank line does.
local function paragraphs(text)
  local out, n = {}, #text
  local wrapped = find(text, "\n[ \t\r]*\n") and not has_long_line(text, 100)
  local p = 1
  while p <= n do
    local s, e
    if wrapped then s, e = find(text, "\n[ \t\r]*\n", p) else s = find(text, "\n", p, true) e = s end
    local stop = s and s - 1 or n
    while stop >= p and blank(byte(text, stop)) do stop = stop - 1 end
    while p <= stop and blank(byte(text, p)) do p = p + 1 end
    if stop >= p then out[#out + 1] = { p, stop } end
    if not s then break end
    p = e + 1
  end
  return out
end

-- Pair the marks into quotations: list of {open, close (pos of the marks; close
-- nil when unclosed), a, b (the text inside), para (index of the first paragraph)}.
local function pair(text, paras)
  local quotes = {}
  local carry            -- an open quote carried into the next paragraph
  for pi, pr in ipairs(paras) do
    local marks = para_marks(text, pr[1], pr[2], {})
    local k = 1
    if carry then
      local m = marks[1]
      if m and m.pos == pr[1] and m.role ~= "c" and m.single == carry.single then
        k = 2                                   -- the continuation mark
      else
        carry.b, carry.closed = paras[pi - 1][2], false
        quotes[#quotes + 1] = carry
        carry = nil
      end
    end
    -- double marks first; single marks only outside double quotes
    local open
    local spans = {}
    if carry then open = carry carry = nil end
    for i = k, #marks do
      local m = marks[i]
      if not m.single then
        if not open then
          if m.role ~= "c" then open = { open = m.pos, a = m.pos + m.len, para = pi, single = false } end
        elseif m.role == "o" and m.pos > open.a and opens_after(byte(text, m.pos - 1)) and
               not (m.pos + m.len <= pr[2] and opens_after(byte(text, m.pos + m.len))) and m.len == 3 then
          -- a second opening “ before any closing one: the first was stray
          open = { open = m.pos, a = m.pos + m.len, para = pi, single = false }
        else
          open.close, open.b, open.closed = m.pos, m.pos - 1, true
          quotes[#quotes + 1] = open
          spans[#spans + 1] = open
          open = nil
        end
      end
    end
    carry = open
    -- single quotes, outside the double ones of this paragraph
    local sopen
    for i = k, #marks do
      local m = marks[i]
      if m.single then
        local inside = false
        for _, q in ipairs(spans) do
          if m.pos > q.open and m.pos < q.close then inside = true break end
        end
        if carry and m.pos > carry.open then inside = true end
        if not inside then
          if not sopen then
            if m.role == "o" then sopen = { open = m.pos, a = m.pos + m.len, para = pi, single = true } end
          elseif m.role == "c" then
            sopen.close, sopen.b, sopen.closed = m.pos, m.pos - 1, true
            quotes[#quotes + 1] = sopen
            sopen = nil
          end
        end
      end
    end
  end
  if carry then
    carry.b, carry.closed = paras[#paras][2], false
    quotes[#quotes + 1] = carry
  end
  table.sort(quotes, function(x, y) return x.open < y.open end)
  -- trim spaces, and the comma (or colon) that ends a quote before its attribution
  local out = {}
  for _, q in ipairs(quotes) do
    local a, b = q.a, q.b
    while a <= b and find(sub(text, a, a), "^%s$") do a = a + 1 end
    while b >= a and find(sub(text, b, b), "^[%s,:;]$") do b = b - 1 end
    if b >= a and find(sub(text, a, b), "[%w\128-\255]") then
      q.a, q.b = a, b
      out[#out + 1] = q
    end
  end
  return out
end

-- Whether text holds a straight double mark or a lead byte of the others
-- (\226 of “ ” „ ‘ ’, \194 of « »), found in C (a character class pattern
-- tried at every byte costs more than the search itself).
local function has_mark_byte(text)
  return find_byte(text, "\"\226\194") ~= nil
end

M.paragraphs, M.pair, M.has_mark_byte = paragraphs, pair, has_mark_byte

return M
