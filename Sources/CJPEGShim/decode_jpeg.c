// See include/decode_jpeg.h for the contract. Everything libjpeg might abort on runs between
// one setjmp and the jpeg_destroy_decompress that follows it, so a fatal error anywhere in the
// library unwinds to a single clean-up path.
#include "decode_jpeg.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

// 2^28 pixels (16384 × 16384, 768 MiB of RGB) is far beyond any data set's photograph; a header
// claiming more is corrupt, and refusing it keeps one bad file from exhausting memory.
#define DECODE_JPEG_MAX_PIXELS ((size_t)1 << 28)

// libjpeg's error manager with a place to jump back to.
struct escaping_error_manager {
    struct jpeg_error_mgr pub;
    jmp_buf escape;
};

// Replaces the default error_exit, which would print and exit() the whole program.
static void escape_on_error(j_common_ptr cinfo) {
    struct escaping_error_manager *err = (struct escaping_error_manager *)cinfo->err;
    longjmp(err->escape, 1);
}

// Warnings arrive with level -1. Most are harmless (many COCO photos carry a few extraneous
// bytes before a marker), but two mean the picture was cut short and libjpeg would quietly paint
// the rest gray: "premature end of JPEG file" (the file ends) and "premature end of data
// segment" (a marker such as EOI arrives while image data is still expected). Both are fatal.
// The second also bounds the work a tiny file can cause: fuzzing found a 149-byte file claiming
// 3868 × 65280 CMYK pixels, whose early EOI made libjpeg decode a quarter-gigapixel of padding.
static void emit_message(j_common_ptr cinfo, int level) {
    struct jpeg_error_mgr *err = cinfo->err;
    if (level < 0) {
        if (err->msg_code == JWRN_JPEG_EOF || err->msg_code == JWRN_HIT_MARKER) escape_on_error(cinfo);
        err->num_warnings++;
    }
}

// The default prints to stderr; the caller decides what to say.
static void output_nothing(j_common_ptr cinfo) { (void)cinfo; }

static void copy_message(char *message, size_t len, const char *text) {
    if (message == NULL || len == 0) return;
    snprintf(message, len, "%s", text);
}

// CMYK as stored by Adobe (inverted: 255 means no ink), or plain when no Adobe marker was seen,
// to RGB by the naive formula R = (1 − C)(1 − K); no colour profile is applied.
static void cmyk_row_to_rgb(const unsigned char *cmyk, unsigned char *rgb, int width, int inverted) {
    for (int x = 0; x < width; x++) {
        unsigned c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2], k = cmyk[4 * x + 3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        rgb[3 * x] = (unsigned char)((c * k + 127) / 255);
        rgb[3 * x + 1] = (unsigned char)((m * k + 127) / 255);
        rgb[3 * x + 2] = (unsigned char)((y * k + 127) / 255);
    }
}

int decode_jpeg(const char *path, unsigned char **rgb, int *w, int *h, char *message, size_t len) {
    *rgb = NULL;
    *w = 0;
    *h = 0;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        char text[256];
        snprintf(text, sizeof text, "cannot open the file (%s)", strerror(errno));
        copy_message(message, len, text);
        return DECODE_JPEG_CANNOT_OPEN;
    }

    struct jpeg_decompress_struct cinfo;
    struct escaping_error_manager err;
    // Assigned after setjmp and read after longjmp: volatile, or the jump may restore stale values.
    unsigned char *volatile pixels = NULL;
    unsigned char *volatile cmyk_row = NULL;

    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = escape_on_error;
    err.pub.emit_message = emit_message;
    err.pub.output_message = output_nothing;
    if (setjmp(err.escape)) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo.err->format_message)((j_common_ptr)&cinfo, text);
        copy_message(message, len, text);
        jpeg_destroy_decompress(&cinfo);
        fclose(file);
        free(pixels);
        free(cmyk_row);
        return DECODE_JPEG_CORRUPT;
    }

    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, file);
    jpeg_read_header(&cinfo, TRUE);

    int code = DECODE_JPEG_OK;
    char text[256];
    size_t pixel_count = (size_t)cinfo.image_width * (size_t)cinfo.image_height;
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (pixel_count == 0 || pixel_count > DECODE_JPEG_MAX_PIXELS) {
        snprintf(
            text, sizeof text, "the picture claims to be %u×%u pixels, outside 1…2^28",
            (unsigned)cinfo.image_width, (unsigned)cinfo.image_height);
        code = DECODE_JPEG_TOO_LARGE;
    } else if (cinfo.num_components != 1 && cinfo.num_components != 3 && !cmyk) {
        snprintf(text, sizeof text, "unsupported JPEG with %d colour components", cinfo.num_components);
        code = DECODE_JPEG_UNSUPPORTED;
    }
    if (code != DECODE_JPEG_OK) {
        copy_message(message, len, text);
        jpeg_destroy_decompress(&cinfo);
        fclose(file);
        return code;
    }

    // libjpeg converts gray, YCbCr and RGB to RGB itself; it only turns YCCK into CMYK.
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    int width = (int)cinfo.output_width;
    int height = (int)cinfo.output_height;
    size_t row_bytes = (size_t)width * 3;
    pixels = malloc(row_bytes * (size_t)height);
    if (cmyk) cmyk_row = malloc((size_t)width * 4);
    if (pixels == NULL || (cmyk && cmyk_row == NULL)) {
        copy_message(message, len, "out of memory for the decoded picture");
        jpeg_destroy_decompress(&cinfo);
        fclose(file);
        free(pixels);
        free(cmyk_row);
        return DECODE_JPEG_OUT_OF_MEMORY;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JDIMENSION y = cinfo.output_scanline;
        JSAMPROW row = cmyk ? cmyk_row : pixels + (size_t)y * row_bytes;
        // Only a suspending data source returns no row, and the stdio source never suspends;
        // stop rather than spin if that ever changes.
        if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) ERREXIT(&cinfo, JERR_INPUT_EOF);
        if (cmyk) cmyk_row_to_rgb(cmyk_row, pixels + (size_t)y * row_bytes, width, cinfo.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    fclose(file);
    free(cmyk_row);
    *rgb = pixels;
    *w = width;
    *h = height;
    return DECODE_JPEG_OK;
}

void decode_jpeg_free(unsigned char *rgb) { free(rgb); }
