-- Wireshark dissector for synack's chat and file protocol (TCP port 5555).
--
-- Every frame: [payload length: u64 big-endian][type: 4 ASCII bytes][payload]
--
-- Classic types: CHAT FILE QUIT FROK FERR FMTA FHSH FDAT.
-- synack's additions: LIST (empty: a request; otherwise the listing),
-- RSUM (resume the next FILE of this name from an offset), FOFS (where the
-- FDATs of a resumed download start).
--
-- Use:
--   tshark -X lua_script:captures/synack-chat.lua -r captures/chat-session.pcapng
--   tshark -X lua_script:captures/synack-chat.lua -d tcp.port==6000,synack-chat -r other.pcap
-- In Wireshark, copy this file to your personal Lua plugins folder
-- (Help > About Wireshark > Folders) and restart, or pass -X lua_script:...

local proto = Proto("synack-chat", "synack chat and file protocol")

local f = {
    length    = ProtoField.uint64("synack-chat.length", "Payload length", base.DEC),
    type      = ProtoField.string("synack-chat.type", "Type"),
    text      = ProtoField.string("synack-chat.text", "Text"),
    name_len  = ProtoField.uint32("synack-chat.name_length", "Name length", base.DEC),
    name      = ProtoField.string("synack-chat.name", "File name"),
    size      = ProtoField.uint64("synack-chat.size", "File size", base.DEC),
    sha256    = ProtoField.bytes("synack-chat.sha256", "SHA-256"),
    data      = ProtoField.bytes("synack-chat.data", "File data"),
    offset    = ProtoField.uint64("synack-chat.offset", "Offset", base.DEC),
    total     = ProtoField.uint32("synack-chat.total", "Files on the server", base.DEC),
    entry     = ProtoField.string("synack-chat.entry", "Entry"),
    payload   = ProtoField.bytes("synack-chat.payload", "Payload"),
}
proto.fields = {
    f.length, f.type, f.text, f.name_len, f.name, f.size, f.sha256,
    f.data, f.offset, f.total, f.entry, f.payload,
}

local meaning = {
    CHAT = "chat text",
    FILE = "file request",
    QUIT = "goodbye",
    FROK = "the file follows",
    FERR = "error",
    FMTA = "file name and size",
    FHSH = "SHA-256 of the file",
    FDAT = "file data",
    LIST = "file listing",
    RSUM = "resume request",
    FOFS = "resumed data offset",
}

local HEADER = 12
-- Larger frames than this are not reassembled (synack itself refuses control
-- frames over 1 MiB); the header is still shown.
local REASSEMBLE_LIMIT = 64 * 1024 * 1024

local function pdu_length(tvb, pinfo, offset)
    local len = tvb(offset, 8):uint64()
    if len > UInt64(REASSEMBLE_LIMIT) then
        return HEADER
    end
    return HEADER + len:tonumber()
end

-- [name length u32][name][size u64], returns the next position
local function name_and_size(tvb, tree, pos, stop)
    if pos + 4 > stop then return stop end
    local n = tvb(pos, 4):uint()
    tree:add(f.name_len, tvb(pos, 4))
    pos = pos + 4
    if pos + n > stop then return stop end
    local name = tvb(pos, n):string(ENC_UTF_8)
    tree:add(f.name, tvb(pos, n), name)
    pos = pos + n
    if pos + 8 <= stop then
        tree:add(f.size, tvb(pos, 8))
        pos = pos + 8
    end
    return pos, name
end

local function dissect_frame(tvb, pinfo, tree)
    local len = tvb(0, 8):uint64()
    local kind = tvb(8, 4):string()
    local what = meaning[kind] or "unknown type"
    local avail = tvb:len() - HEADER
    local shown = avail
    if len < UInt64(avail) then shown = len:tonumber() end
    local item = tree:add(proto, tvb(0, HEADER + shown),
        string.format("synack chat %s (%s), %s-byte payload", kind, what, tostring(len)))
    item:add(f.length, tvb(0, 8))
    item:add(f.type, tvb(8, 4)):append_text(" (" .. what .. ")")

    local info = kind
    local p = HEADER
    local stop = HEADER + shown
    if shown > 0 then
        local body = tvb(p, shown)
        if kind == "CHAT" or kind == "FILE" or kind == "FERR" then
            local text = body:string(ENC_UTF_8)
            item:add(f.text, body, text)
            info = string.format('%s "%s"', kind, text)
        elseif kind == "FMTA" then
            local _, name = name_and_size(tvb, item, p, stop)
            if name then info = string.format("FMTA %s", name) end
        elseif kind == "FHSH" then
            item:add(f.sha256, body)
        elseif kind == "FDAT" then
            item:add(f.data, body)
            info = string.format("FDAT %d bytes", shown)
        elseif kind == "LIST" then
            item:add(f.total, tvb(p, 4))
            p = p + 4
            while p < stop do
                local start = p
                local name
                p, name = name_and_size(tvb, item, p, stop)
                if p <= start then break end
            end
            local n = tvb(HEADER, 4):uint()
            info = string.format("LIST (%d file%s)", n, n == 1 and "" or "s")
        elseif kind == "RSUM" and shown >= 40 then
            item:add(f.offset, tvb(p, 8))
            item:add(f.sha256, tvb(p + 8, 32))
            if shown > 40 then
                item:add(f.name, tvb(p + 40, shown - 40), tvb(p + 40, shown - 40):string(ENC_UTF_8))
            end
        elseif kind == "FOFS" and shown >= 8 then
            item:add(f.offset, tvb(p, 8))
            info = string.format("FOFS %s", tostring(tvb(p, 8):uint64()))
        else
            item:add(f.payload, body)
        end
    elseif kind == "LIST" then
        info = "LIST (request)"
    end
    pinfo.cols.protocol = "SYNACK-CHAT"
    if pinfo.private["synack_chat_seen"] == "1" then
        pinfo.cols.info:append(", " .. info)
    else
        pinfo.private["synack_chat_seen"] = "1"
        pinfo.cols.info:set(info)
    end
    return HEADER + shown
end

function proto.dissector(tvb, pinfo, tree)
    dissect_tcp_pdus(tvb, tree, HEADER, pdu_length, dissect_frame, true)
end

DissectorTable.get("tcp.port"):add(5555, proto)
