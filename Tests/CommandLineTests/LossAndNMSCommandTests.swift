import Annotations
import FCOS
import Foundation
import Testing

@testable import fcos

@Suite("fcos loss and fcos nms")
struct LossAndNMSCommandTests {
    func json(_ text: String) throws -> NumericJSON { try LossInput.parse(Data(text.utf8), file: "in.json") }
    func boxes(_ text: String) throws -> [Box] {
        try NMSInput.decode(Data(text.utf8), file: "in.json", needsLabels: false).boxes
    }

    @Test("Element-wise losses keep the input's shape; reductions give a number")
    func shapes() throws {
        let (flat, shape) = try json("{\"logits\": [[1, 2, 3], [4, 5, 6]]}")["logits"].tensor()
        #expect(flat == [1, 2, 3, 4, 5, 6])
        #expect(shape == [2, 3])
        #expect(LossOutput.encode(flat, shape: shape, reduction: .none) == "{\"loss\":[[1,2,3],[4,5,6]]}\n")
        #expect(LossOutput.encode(flat, shape: shape, reduction: .sum) == "{\"loss\":21}\n")
        #expect(LossOutput.encode(flat, shape: shape, reduction: .mean) == "{\"loss\":3.5}\n")
        #expect(LossOutput.encode([], shape: [0], reduction: .none) == "{\"loss\":[]}\n")
    }

    @Test("A ragged array is an error naming the record")
    func ragged() throws {
        #expect(throws: InputError.self) { try json("{\"logits\": [[1, 2], [3]]}") }
        do {
            _ = try json("{\"logits\": [[1, 2], [3]]}")
        } catch {
            #expect("\(error)" == "in.json: logits[1]: ragged array: expected shape [2], found [1]")
        }
    }

    @Test("Boxes must have four coordinates in order")
    func boxes() throws {
        #expect(
            try boxes("{\"boxes\": [[0, 0, 10, 10]], \"scores\": [1]}") == [Box(x0: 0, y0: 0, x1: 10, y1: 10)]
        )
        #expect(throws: InputError.self) { try boxes("{\"boxes\": [[0, 0, 10]], \"scores\": [1]}") }
        #expect(throws: InputError.self) { try boxes("{\"boxes\": [[5, 0, 1, 10]], \"scores\": [1]}") }
    }

    @Test("The iou loss measured from boxes equals the official ltrb form for overlapping pairs")
    func iouFromBoxes() throws {
        // Boxes [0,0,10,10] and [0,0,10,20]: I = 100, U = 200, loss = −log(101/201) = 0.688184…
        let command = try IoULossCommand.parse(["--kind", "iou"])
        let (p, t, _) = try command.ltrbPairs(json("{\"boxes1\": [[0,0,10,10]], \"boxes2\": [[0,0,10,20]]}"))
        let loss = IoULoss.value(prediction: p[0], target: t[0], kind: .iou)
        #expect(abs(loss - 0.688_184_4) < 1e-6)
    }
}
