-- Minimal Neovim (0.7+) set-up for ClaimNote: `.claim` files get the `claimnote`
-- filetype and the ClaimNote language server (stdio) attached.
-- Used by test/neovim/run.mjs; also a starting point for users:
--   CLAIMNOTE_SERVER=/path/to/server/out/server.js nvim -u test/neovim/init.lua file.claim
vim.o.swapfile = false

local server = os.getenv('CLAIMNOTE_SERVER')
if server == nil or server == '' then
  -- Default: the server built in this checkout (two folders above this file).
  local here = debug.getinfo(1, 'S').source:sub(2)
  server = vim.fn.fnamemodify(here, ':p:h:h:h') .. '/server/out/server.js'
end

-- vim.filetype.add() does not take effect in 0.7: use an autocommand.
vim.cmd([[autocmd BufRead,BufNewFile *.claim setfiletype claimnote]])

local client_id = nil
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'claimnote',
  callback = function(args)
    if client_id == nil then
      local file = vim.api.nvim_buf_get_name(args.buf)
      client_id = vim.lsp.start_client({
        name = 'claimnote',
        cmd = { 'node', server, '--stdio' },
        root_dir = vim.fn.fnamemodify(file, ':p:h'),
      })
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
