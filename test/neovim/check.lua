-- Run inside headless Neovim after init.lua, with the fixture open in the current buffer:
--   nvim --headless -n -i NONE -u init.lua -c 'edit headline.claim' -c 'luafile check.lua'
-- Waits for ClaimNote's diagnostics, asks for a hover and the code actions on the 20552 of
-- line 7, writes what it saw as JSON to $CLAIMNOTE_RESULT and quits. The assertions are in
-- run.mjs, so a failure there can show everything Neovim saw.
local out = { diagnostics = {}, hover = nil, actions = {}, errors = {} }
local bufnr = vim.api.nvim_get_current_buf()
local wait_ms = tonumber(os.getenv('CLAIMNOTE_WAIT_MS') or '20000')
local expected = vim.split(os.getenv('CLAIMNOTE_EXPECT') or 'modifier-50,units,muscle-count,icd-not-billable', ',')

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function has_all()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local c = code_of(d)
    if c then seen[tostring(c)] = true end
  end
  for _, c in ipairs(expected) do
    if not seen[c] then return false end
  end
  return true
end

out.filetype = vim.bo[bufnr].filetype
out.attached = vim.wait(wait_ms, function()
  local get = vim.lsp.get_clients and function() return vim.lsp.get_clients({ bufnr = bufnr }) end
    or function() return vim.lsp.buf_get_clients(bufnr) end
  return next(get()) ~= nil
end, 50)
out.complete = out.attached and vim.wait(wait_ms, has_all, 100)

for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out.diagnostics, {
    code = code_of(d), source = d.source, message = d.message, severity = d.severity,
    line = d.lnum, col = d.col,
  })
end

-- Flattens hover contents (MarkupContent, MarkedString or a list of them) to text.
local function text_of(contents)
  if type(contents) == 'string' then return contents end
  if type(contents) ~= 'table' then return '' end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, text_of(c)) end
  return table.concat(parts, '\n')
end

local line, col = 6, 7 -- 0-based: the 20552 of `  line 20552 mod 50 units 2 dx A`
local uri = vim.uri_from_bufnr(bufnr)
local pos = { line = line, character = col }

local function ask()
  local hover, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = pos }, 10000)
  if err then table.insert(out.errors, 'hover: ' .. tostring(err)) end
  for _, r in pairs(hover or {}) do
    if r.error then table.insert(out.errors, 'hover: ' .. vim.inspect(r.error)) end
    if r.result and r.result.contents then out.hover = text_of(r.result.contents) end
  end

  -- Code actions at the cursor, with the line's diagnostics as context: what Neovim 0.7's
  -- own vim.lsp.buf.code_action() sends.
  local line_diagnostics = {}
  if vim.lsp.diagnostic.get_line_diagnostics then
    line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line)
  else -- newer Neovim
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
      table.insert(line_diagnostics, d.user_data and d.user_data.lsp or {})
    end
  end
  local context = { diagnostics = line_diagnostics }
  local actions, aerr = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = { start = pos, ['end'] = pos }, context = context,
  }, 10000)
  if aerr then table.insert(out.errors, 'codeAction: ' .. tostring(aerr)) end
  for _, r in pairs(actions or {}) do
    if r.error then table.insert(out.errors, 'codeAction: ' .. vim.inspect(r.error)) end
    for _, a in ipairs(r.result or {}) do table.insert(out.actions, a.title) end
  end
end
if out.attached then ask() end

-- The editor features (docs/editor-features.md): one request each, results kept for run.mjs.
local function request(method, params)
  local res, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if err then table.insert(out.errors, method .. ': ' .. tostring(err)) end
  for _, r in pairs(res or {}) do
    if r.error then table.insert(out.errors, method .. ': ' .. vim.inspect(r.error)) end
    if r.result ~= nil then return r.result end
  end
  return nil
end
local function ask_features()
  local doc = { uri = uri }
  local f = {}
  -- line 6 (1-based) is `  diagnosis A M79.1`: complete at its end
  local completion = request('textDocument/completion', { textDocument = doc, position = { line = 5, character = 19 } })
  f.completion = {}
  for _, item in ipairs((completion and (completion.items or completion)) or {}) do table.insert(f.completion, item.label) end
  -- the A of `dx A` on line 7 (1-based)
  local def = request('textDocument/definition', { textDocument = doc, position = { line = 6, character = 31 } })
  f.definition = def and def[1] and def[1].range and def[1].range.start.line
  local symbols = request('textDocument/documentSymbol', { textDocument = doc })
  f.symbols = {}
  for _, sym in ipairs(symbols or {}) do table.insert(f.symbols, sym.name) end
  local edits = request('textDocument/formatting', { textDocument = doc, options = { tabSize = 2, insertSpaces = true } })
  f.formatting = {}
  for _, e in ipairs(edits or {}) do table.insert(f.formatting, e.newText) end
  local lenses = request('textDocument/codeLens', { textDocument = doc })
  f.lenses = {}
  for _, l in ipairs(lenses or {}) do table.insert(f.lenses, l.command and l.command.title) end
  local tokens = request('textDocument/semanticTokens/full', { textDocument = doc })
  f.tokens = tokens and #tokens.data or 0
  local hints = request('textDocument/inlayHint', { textDocument = doc, range = { start = { line = 0, character = 0 }, ['end'] = { line = 20, character = 0 } } })
  f.hints = {}
  for _, h in ipairs(hints or {}) do table.insert(f.hints, h.label) end
  local folds = request('textDocument/foldingRange', { textDocument = doc })
  f.folds = folds and #folds or 0
  out.features = f
end
if out.attached then ask_features() end

local path = os.getenv('CLAIMNOTE_RESULT')
local json = vim.fn.json_encode(out)
if path and path ~= '' then
  local f = assert(io.open(path, 'w'))
  f:write(json)
  f:close()
else
  io.stdout:write(json .. '\n')
end
vim.cmd('qa!')
