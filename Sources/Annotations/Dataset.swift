/// A detection data set as its files give it: images with their sizes and boxes, each box in
/// the coordinates of the format it came from. Nothing is converted, clipped or resized here;
/// that is the business of a ``DataPath``, because each reference implementation does it its own
/// way (`x + w − 1` or `x + w`, clip before or after resizing, …).
public struct Dataset: Sendable {
    /// Where the annotations were read from, for messages.
    public var source: String
    /// The format the annotations were read in, which decides how boxes become corners.
    public var format: DatasetFormat
    /// The annotated images in file order.
    public var images: [AnnotatedImage]
    /// Categories by id, in the file's order.
    public var categories: [Category]

    /// A data set from already-read parts, for writers, tests and synthetic data.
    public init(source: String, format: DatasetFormat, images: [AnnotatedImage], categories: [Category]) {
        self.source = source
        self.format = format
        self.images = images
        self.categories = categories
    }

    /// All boxes over all images, crowd and difficult ones included.
    public var boxCount: Int { images.reduce(0) { $0 + $1.annotations.count } }
}

/// The three annotation formats the readers understand.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// COCO instances JSON: `[x, y, w, h]` boxes in pixels.
    case coco
    /// Pascal VOC XML: 1-based inclusive corners.
    case voc
    /// YOLO text: normalized centre and size.
    case yolo
}

/// A category id with its name, as the annotation file declares it.
public struct Category: Hashable, Sendable {
    /// The id annotations use to refer to the category.
    public var id: Int
    /// The human-readable name shown in reports and figures.
    public var name: String

    /// A category with the given id and name.
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

/// One image: its id, its file (relative to the image folder), its size in pixels and its boxes.
public struct AnnotatedImage: Sendable {
    /// The image's id, which annotations and reports refer to.
    public var id: Int
    /// The image file, relative to the image folder.
    public var fileName: String
    /// The width in pixels, from the annotation file (or the image's header).
    public var width: Int
    /// The height in pixels, from the annotation file (or the image's header).
    public var height: Int
    /// The image's objects in file order.
    public var annotations: [ObjectAnnotation]

    /// An image with its size and, optionally, its objects.
    public init(id: Int, fileName: String, width: Int, height: Int, annotations: [ObjectAnnotation] = []) {
        self.id = id
        self.fileName = fileName
        self.width = width
        self.height = height
        self.annotations = annotations
    }
}

/// One annotated object, with the box exactly as the file wrote it.
public struct ObjectAnnotation: Sendable {
    /// COCO's annotation id; for VOC and YOLO, the 1-based position in the image's file.
    public var id: Int
    /// The id of the object's category.
    public var categoryID: Int
    /// The object's category name, for messages and figures.
    public var categoryName: String
    /// COCO `iscrowd`: a region of many objects, which every reference leaves out of matching.
    public var isCrowd: Bool
    /// VOC `<difficult>1</difficult>`: left out of training by maskrcnn-benchmark and mmdetection.
    public var isDifficult: Bool
    /// The box exactly as written, converted to corners only by a data path.
    public var box: SourceBox
    /// COCO's `area` field (the segmentation's area), which mmdetection checks is positive.
    public var area: Double?

    /// An annotation with its box as the file wrote it.
    public init(
        id: Int, categoryID: Int, categoryName: String, isCrowd: Bool = false, isDifficult: Bool = false,
        box: SourceBox, area: Double? = nil
    ) {
        self.id = id
        self.categoryID = categoryID
        self.categoryName = categoryName
        self.isCrowd = isCrowd
        self.isDifficult = isDifficult
        self.box = box
        self.area = area
    }
}

/// A box in its format's own coordinates, in `Double` as the text gave it (the references parse
/// JSON and XML numbers into Python floats, that is doubles, before any float32 tensor exists).
public enum SourceBox: Hashable, Sendable {
    /// COCO `bbox`: `[x, y, width, height]` in pixels, `(x, y)` the top-left corner.
    case coco(x: Double, y: Double, width: Double, height: Double)
    /// Pascal VOC `<bndbox>`: 1-based pixel indices of the first and last column and row inside.
    case voc(xmin: Double, ymin: Double, xmax: Double, ymax: Double)
    /// YOLO: centre and size as fractions of the image's width and height.
    case yolo(centerX: Double, centerY: Double, width: Double, height: Double)

    /// The box as continuous corners `(x0, y0, x1, y1)` in original pixels, for reports and
    /// figures: COCO `x + w`, VOC as written, YOLO `(cx ± w/2)·W`. Not what any preset matches
    /// with; see ``DataPath`` for those.
    public func corners(imageWidth: Int, imageHeight: Int) -> (x0: Double, y0: Double, x1: Double, y1: Double)
    {
        switch self {
        case .coco(let x, let y, let w, let h):
            return (x, y, x + w, y + h)
        case .voc(let xmin, let ymin, let xmax, let ymax):
            return (xmin, ymin, xmax, ymax)
        case .yolo:
            let c = cocoEquivalent(imageWidth: imageWidth, imageHeight: imageHeight)
            return (c.x, c.y, c.x + c.width, c.y + c.height)
        }
    }

    /// A YOLO box as COCO's `[x, y, w, h]` in pixels: `x = (cx − w/2)·W`, `w = w·W`, which is how
    /// ultralytics' and most converters turn labels back into COCO files. Other formats are
    /// returned as their COCO equivalent too (VOC: `[xmin, ymin, xmax − xmin, ymax − ymin]`).
    public func cocoEquivalent(imageWidth: Int, imageHeight: Int) -> (
        x: Double, y: Double, width: Double, height: Double
    ) {
        switch self {
        case .coco(let x, let y, let w, let h):
            return (x, y, w, h)
        case .voc(let xmin, let ymin, let xmax, let ymax):
            return (xmin, ymin, xmax - xmin, ymax - ymin)
        case .yolo(let cx, let cy, let w, let h):
            let W = Double(imageWidth)
            let H = Double(imageHeight)
            return ((cx - w / 2) * W, (cy - h / 2) * H, w * W, h * H)
        }
    }
}
