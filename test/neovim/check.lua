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
