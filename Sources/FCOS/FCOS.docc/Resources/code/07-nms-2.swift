import FCOS

// Three detections of the racket and one of the ball, best first after scoring.
let boxes = [
    Box(x0: 592, y0: 148, x1: 758, y1: 372),
    Box(x0: 570, y0: 175, x1: 745, y1: 390),
    Box(x0: 798, y0: 118, x1: 834, y1: 154),
    Box(x0: 600, y0: 160, x1: 770, y1: 380),
]
let scores: [Float] = [0.88, 0.62, 0.77, 0.58]

// Greedy NMS at the official threshold 0.6: keep the best, drop what overlaps it too much.
let kept = NMS.greedy(boxes: boxes, scores: scores, iouThreshold: 0.6)
print("kept:", kept)
for i in boxes.indices where !kept.contains(i) {
    print("#\(i) suppressed, IoU with #0:", intersectionOverUnion(boxes[i], boxes[0]))
}
