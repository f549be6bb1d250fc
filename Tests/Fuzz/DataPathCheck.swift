import Annotations
import FCOS

/// Puts every image a reader returned through each reference's data path, so that sizes and
/// corners read from the file reach the resize and corner arithmetic as they do in `fcos stats`.
func prepareUnderEveryRule(_ dataset: Dataset) {
    for rule in DataPath.Rule.allCases {
        let path = DataPath(rule: rule)
        for image in dataset.images { _ = path.prepare(image) }
    }
}
