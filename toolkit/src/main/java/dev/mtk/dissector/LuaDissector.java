package dev.mtk.dissector;

import dev.mtk.internal.Checks;
import dev.mtk.internal.Hex;
import dev.mtk.spi.HeaderField;
import dev.mtk.wire.LengthFieldFormat;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * A Wireshark dissector, in Lua, for one {@link LengthFieldFormat}: the same framing spec that mtk speaks also explains
 * captures ({@code mtk dissector > proto.lua}, then {@code wireshark -X lua_script:proto.lua}).
 *
 * <p>It shows each frame's magic, length field, named header fields ({@code mtk.field.opaque}), body length, body (as
 * text too when the payload is text) and trailer, and reassembles frames across TCP segments with
 * {@code dissect_tcp_pdus}. A frame whose magic is missing, whose length is negative or above max-frame, or whose
 * trailer is wrong is marked malformed (for a missing magic or a bad length, the rest of its segment is shown as not a
 * frame: unlike mtk's decoder, {@code dissect_tcp_pdus} cannot skip ahead to the next magic). Whole-frame mode
 * ({@code strip=none}) changes nothing on the wire, so the dissector is the same.
 *
 * @param format   the framing
 * @param maxFrame largest body taken as a frame
 * @param name     the protocol's name: the display filter ({@code mtk}) and the fields' prefix ({@code mtk.body})
 * @param port     the TCP port it is registered on (others through Decode As)
 * @param text     whether bodies are UTF-8 text (the {@code json} and {@code text} payloads)
 * @param describe what the dissector was made from, for its title and first comment ({@code mtk dissector ...})
 */
public record LuaDissector(LengthFieldFormat format, int maxFrame, String name, int port, boolean text, String describe) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public LuaDissector {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(describe, "describe");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("protocol name must be lower-case letters, digits and _, starting with a "
                    + "letter: '" + name + "'");
        }
        Checks.port("port", port, false);
    }

    /** The dissector's Lua source. */
    public String lua() {
        boolean little = format.order() == ByteOrder.LITTLE_ENDIAN;
        int width = format.lengthWidth();
        byte[] trailer = format.trailer();
        String read = switch (width) {
            case 1, 2, 3 -> little ? "le_uint()" : "uint()";
            case 4 -> little ? "le_int()" : "int()";
            default -> little ? "le_int64():tonumber()" : "int64():tonumber()";
        };
        String fieldType = switch (width) {
            case 1 -> "uint8";
            case 2 -> "uint16";
            case 3 -> "uint24";
            case 4 -> "int32";
            default -> "int64";
        };
        return TEMPLATE
                .replace("@DESCRIBE@", describe)
                .replace("@LAYOUT@", layout())
                .replace("@PORT@", String.valueOf(port))
                .replace("@NAME@", name)
                .replace("@TITLE@", name.toUpperCase(Locale.ROOT))
                .replace("@MAGICS@", format.magicLength() == 0 ? "nil" : format.magics().stream()
                        .map(LuaDissector::byteArray).collect(Collectors.joining(", ", "{ ", " }")))
                .replace("@MAGIC_LENGTH@", String.valueOf(format.magicLength()))
                .replace("@TRAILER@", trailer.length == 0 ? "nil" : byteArray(trailer))
                .replace("@TRAILER_LENGTH@", String.valueOf(trailer.length))
                .replace("@FIELD_DECLARATIONS@", fieldDeclarations())
                .replace("@FIELD_NAMES@", format.fields().list().stream().map(field -> ", " + fieldVariable(field))
                        .collect(Collectors.joining()))
                .replace("@FIELD_ADDS@", fieldAdds())
                .replace("@LENGTH_OFFSET@", String.valueOf(format.lengthOffset()))
                .replace("@LENGTH_WIDTH@", String.valueOf(width))
                .replace("@HEADER_LENGTH@", String.valueOf(format.headerLength()))
                .replace("@ADJUSTMENT@", String.valueOf(format.bodyLength(0)))
                .replace("@MAX_FRAME@", String.valueOf(maxFrame))
                .replace("@TEXT@", String.valueOf(text))
                .replace("@READ@", read)
                .replace("@ADD@", little ? "add_le" : "add")
                .replace("@FIELD_TYPE@", fieldType);
    }

    private String layout() {
        byte[] trailer = format.trailer();
        String magics = format.magics().stream().map(magic -> Hex.spaced(magic, magic.length))
                .collect(Collectors.joining(" | "));
        String text = format.magicText();
        return (format.magicLength() == 0 ? "no magic"
                : "magic " + text + (text.equals(magics) ? "" : " (" + magics + ")"))
                + ", length field at offset " + format.lengthOffset() + ", " + format.lengthWidth() + " bytes "
                + (format.order() == ByteOrder.BIG_ENDIAN ? "big" : "little") + " endian"
                + (format.lengthWidth() >= 4 ? " (signed)" : " (unsigned)") + ", adjustment " + format.lengthAdjustment()
                + ", counting " + switch (format.counts()) {
                    case BODY -> "the body only";
                    case SELF -> "itself and what follows it";
                    case FRAME -> "header and body";
                } + "; header " + format.headerLength() + " bytes"
                + (trailer.length == 0 ? "" : "; trailer " + Hex.spaced(trailer, trailer.length))
                + (format.fields().isEmpty() ? "" : "; fields " + format.fields());
    }

    private static String byteArray(byte[] bytes) {
        return "ByteArray.new(\"" + Hex.spaced(bytes, bytes.length) + "\")";
    }

    private static String fieldVariable(HeaderField field) {
        return "f_field_" + field.name().replace('-', '_');
    }

    /** One ProtoField per named header field, as unsigned integers of its width. */
    private String fieldDeclarations() {
        StringBuilder lua = new StringBuilder();
        for (HeaderField field : format.fields().list()) {
            String type = switch (field.width()) {
                case 1 -> "uint8";
                case 2 -> "uint16";
                case 3 -> "uint24";
                case 4 -> "uint32";
                default -> "uint64";
            };
            lua.append("local ").append(fieldVariable(field)).append(" = ProtoField.").append(type).append("(\"")
                    .append(name).append(".field.").append(field.name().replace('-', '_')).append("\", \"")
                    .append(field.name()).append("\", base.DEC)\n");
        }
        return lua.toString();
    }

    /** The lines that add each named field that fits the frame to the tree. */
    private String fieldAdds() {
        StringBuilder lua = new StringBuilder();
        for (HeaderField field : format.fields().list()) {
            lua.append("    if tvb:len() >= ").append(field.end()).append(" then item:")
                    .append(field.order() == ByteOrder.LITTLE_ENDIAN ? "add_le" : "add").append("(")
                    .append(fieldVariable(field)).append(", tvb(").append(field.offset()).append(", ")
                    .append(field.width()).append(")) end\n");
        }
        return lua.toString();
    }

    private static final String TEMPLATE = """
            -- Wireshark dissector for @DESCRIBE@
            -- Made by mtk. Framing: @LAYOUT@.
            --
            --   wireshark -X lua_script:THIS.lua             tshark -X lua_script:THIS.lua -r capture.pcap -Y @NAME@
            --
            -- or copy it to Wireshark's personal Lua plugins folder. It decodes TCP port @PORT@; use Decode As for others.
            -- Frames split across TCP segments are reassembled. A frame without its magic, or with a negative length or
            -- one above max-frame, is marked malformed and the rest of its segment shown as not a frame.

            local proto = Proto("@NAME@", "@TITLE@ length-prefixed frames")

            local MAGICS = @MAGICS@
            local MAGIC_LENGTH = @MAGIC_LENGTH@
            local TRAILER = @TRAILER@
            local TRAILER_LENGTH = @TRAILER_LENGTH@
            local LENGTH_OFFSET = @LENGTH_OFFSET@
            local LENGTH_WIDTH = @LENGTH_WIDTH@
            local HEADER_LENGTH = @HEADER_LENGTH@
            -- Added to the length field to get the body length (the adjustment, less the header when the field counts it).
            local ADJUSTMENT = @ADJUSTMENT@
            local MAX_FRAME = @MAX_FRAME@
            local TEXT = @TEXT@

            local f_magic = ProtoField.bytes("@NAME@.magic", "Magic")
            local f_length = ProtoField.@FIELD_TYPE@("@NAME@.length", "Length field", base.DEC)
            local f_body_length = ProtoField.uint32("@NAME@.body_length", "Body length", base.DEC)
            local f_body = ProtoField.bytes("@NAME@.body", "Body")
            local f_text = ProtoField.string("@NAME@.text", "Body text")
            local f_trailer = ProtoField.bytes("@NAME@.trailer", "Trailer")
            local f_garbage = ProtoField.bytes("@NAME@.garbage", "Not a frame")
            @FIELD_DECLARATIONS@proto.fields = { f_magic, f_length, f_body_length, f_body, f_text, f_trailer, f_garbage@FIELD_NAMES@ }

            local e_malformed = ProtoExpert.new("@NAME@.malformed", "Not a valid frame", expert.group.MALFORMED,
                expert.severity.ERROR)
            proto.experts = { e_malformed }

            local function starts_with_magic(tvb, offset)
                if MAGICS == nil then
                    return true
                end
                local seen = tvb(offset, MAGIC_LENGTH):bytes()
                for _, magic in ipairs(MAGICS) do
                    if seen == magic then
                        return true
                    end
                end
                return false
            end

            local function body_length(tvb, offset)
                return tvb(offset + LENGTH_OFFSET, LENGTH_WIDTH):@READ@ + ADJUSTMENT
            end

            -- What is wrong with the frame at offset, or nil.
            local function fault(tvb, offset)
                if not starts_with_magic(tvb, offset) then
                    return "no magic where a frame starts"
                end
                local body = body_length(tvb, offset)
                if body < 0 then
                    return "negative frame length " .. body
                end
                if body > MAX_FRAME then
                    return "frame length " .. body .. " exceeds max-frame " .. MAX_FRAME
                end
                return nil
            end

            -- Bytes of the frame at offset; dissect_tcp_pdus reassembles until they are all there.
            local function frame_length(tvb, pinfo, offset)
                if fault(tvb, offset) then
                    return tvb:len() - offset
                end
                return HEADER_LENGTH + body_length(tvb, offset) + TRAILER_LENGTH
            end

            local function dissect_frame(tvb, pinfo, tree)
                pinfo.cols.protocol = "@TITLE@"
                local item = tree:add(proto, tvb())
                local wrong = "incomplete header"
                if tvb:len() >= HEADER_LENGTH then
                    wrong = fault(tvb, 0)
                end
                if not wrong and TRAILER ~= nil
                        and tvb(HEADER_LENGTH + body_length(tvb, 0), TRAILER_LENGTH):bytes() ~= TRAILER then
                    wrong = "wrong trailer"
                end
                if wrong then
                    item:add(f_garbage, tvb())
                    item:add_proto_expert_info(e_malformed, wrong)
                    item:append_text(": " .. wrong)
                    pinfo.cols.info:append(" [" .. wrong .. "]")
                    return tvb:len()
                end
                if MAGIC_LENGTH > 0 then
                    item:add(f_magic, tvb(0, MAGIC_LENGTH))
                end
                local field = tvb(LENGTH_OFFSET, LENGTH_WIDTH)
                item:@ADD@(f_length, field)
            @FIELD_ADDS@
                local body = body_length(tvb, 0)
                item:add(f_body_length, field, body)
                local shown = ""
                if body > 0 then
                    local range = tvb(HEADER_LENGTH, body)
                    item:add(f_body, range)
                    if TEXT then
                        shown = range:string(ENC_UTF_8)
                        item:add(f_text, range, shown)
                    end
                end
                if TRAILER_LENGTH > 0 then
                    item:add(f_trailer, tvb(HEADER_LENGTH + body, TRAILER_LENGTH))
                end
                item:append_text(", " .. body .. " B body")
                pinfo.cols.info:append(" [" .. body .. " B" .. (shown ~= "" and ": " .. shown or "") .. "]")
                return tvb:len()
            end

            function proto.dissector(tvb, pinfo, tree)
                pinfo.cols.info:set(tostring(pinfo.src_port) .. " > " .. tostring(pinfo.dst_port))
                dissect_tcp_pdus(tvb, tree, HEADER_LENGTH, frame_length, dissect_frame)
                return tvb:len()
            end

            DissectorTable.get("tcp.port"):add(@PORT@, proto)
            """;
}
