import Canvas
import Foundation

/// The street scene, drawn back to front like a paper collage: a bus filling the frame, a box
/// truck in front of it, a car, a person walking a dog, a traffic light, a stop sign and a
/// distant pedestrian. Each object spans exactly its box in `street.json`.
extension Illustration {
    func drawStreet(in ctx: DrawingContext) {
        drawStreetBackground(in: ctx)
        drawBus(in: ctx)
        drawTruck(in: ctx)
        drawStopSign(in: ctx)
        drawTrafficLight(in: ctx)
        drawCar(in: ctx)
        drawWalker(in: ctx)
        drawDog(in: ctx)
        drawDistantPedestrian(in: ctx)
    }

    private func drawStreetBackground(in ctx: DrawingContext) {
        ctx.fillRect(CGRect(x: 0, y: 0, width: 1333, height: 560), Color(hex: 0xC9E2F3))
        let buildings: [(Double, Double, Double, UInt32)] = [
            (0, 220, 150, 0xD8CFC4), (140, 120, 170, 0xC7BBAE), (300, 60, 140, 0xD9D2C5),
            (430, 160, 160, 0xBFB3A5),
            (580, 40, 150, 0xCFC6BA), (720, 140, 190, 0xD6CCBF), (900, 90, 150, 0xC4B8AA),
            (1040, 190, 140, 0xD3CABE),
            (1170, 110, 163, 0xC9BEB0),
        ]
        for (x, top, width, hex) in buildings {
            ctx.fillRect(CGRect(x: x, y: top, width: width, height: 560 - top), Color(hex: hex))
            var y = top + 24
            while y < 520 {
                var wx = x + 18
                while wx + 22 < x + width - 10 {
                    ctx.fillRect(CGRect(x: wx, y: y, width: 22, height: 30), Color(hex: 0xE8EEF2, alpha: 0.9))
                    wx += 40
                }
                y += 52
            }
        }
        ctx.fillRect(CGRect(x: 0, y: 540, width: 1333, height: 40), Color(hex: 0xB9B4AC))
        ctx.fillRect(CGRect(x: 0, y: 580, width: 1333, height: 220), Color(hex: 0x6B6F74))
        ctx.fillRect(CGRect(x: 0, y: 736, width: 1333, height: 64), Color(hex: 0xA9A49B))
        ctx.fillRect(CGRect(x: 0, y: 732, width: 1333, height: 6), Color(hex: 0xE4E0D8))
        for x in stride(from: 20.0, to: 1333, by: 120) {
            ctx.fillRect(CGRect(x: x, y: 652, width: 60, height: 6), Color(hex: 0xF1E6B8))
        }
    }

    /// Bus, 90–1240 × 150–720: body to y = 690, wheels reaching 720.
    private func drawBus(in ctx: DrawingContext) {
        let body = Color(hex: 0xE9B949)
        ctx.fillRoundedRect(CGRect(x: 90, y: 150, width: 1150, height: 540), radius: 34, body)
        ctx.fillRect(CGRect(x: 90, y: 560, width: 1150, height: 22), Color(hex: 0xC9472F))
        ctx.fillRect(CGRect(x: 90, y: 640, width: 1150, height: 50), body.darkened(by: 0.12))
        for i in 0..<8 {
            let x = 130 + Double(i) * 132
            ctx.fillRoundedRect(
                CGRect(x: x, y: 190, width: 112, height: 150), radius: 10, Color(hex: 0x3E5C76))
            ctx.fillRect(CGRect(x: x + 10, y: 200, width: 30, height: 130), Color.white.withAlpha(0.18))
        }
        ctx.fillRoundedRect(CGRect(x: 1190, y: 180, width: 40, height: 180), radius: 8, Color(hex: 0x3E5C76))
        ctx.fillRect(CGRect(x: 1110, y: 380, width: 90, height: 170), Color(hex: 0x3E5C76))
        ctx.fillRect(CGRect(x: 1153, y: 380, width: 4, height: 170), body)
        ctx.fillRoundedRect(CGRect(x: 1214, y: 600, width: 26, height: 30), radius: 6, Color(hex: 0xFFF3C4))
        for x in [260.0, 1060] {
            ctx.fillCircle(center: pt(x, 660), radius: 60, Color(hex: 0x2B2B2B))
            ctx.fillCircle(center: pt(x, 660), radius: 26, Color(hex: 0x9A9A9A))
        }
    }

    /// Box truck, 300–900 × 90–520: cargo box to x = 740, cab to 900, wheels to y = 520.
    private func drawTruck(in ctx: DrawingContext) {
        ctx.fillRoundedRect(CGRect(x: 300, y: 90, width: 446, height: 380), radius: 8, Color(hex: 0xEEF0F2))
        ctx.strokeRect(CGRect(x: 304, y: 94, width: 438, height: 372), Color(hex: 0xB5BDC4), style: .solid(4))
        ctx.drawText(
            "FRESH FRUIT", at: pt(523, 270), font: .bold(44), color: Color(hex: 0x2E7D4F), anchor: .center)
        ctx.fillCircle(center: pt(470, 350), radius: 26, Color(hex: 0xD8413A))
        ctx.fillCircle(center: pt(530, 356), radius: 24, Color(hex: 0xF29E38))
        ctx.fillCircle(center: pt(586, 350), radius: 26, Color(hex: 0x8CBF3F))
        let cab = Color(hex: 0x3F6EA3)
        ctx.fillPolygon([pt(750, 210), pt(850, 210), pt(900, 320), pt(900, 470), pt(750, 470)], cab)
        ctx.fillPolygon([pt(768, 228), pt(840, 228), pt(880, 316), pt(768, 316)], Color(hex: 0xBFDCEF))
        ctx.fillRect(CGRect(x: 880, y: 420, width: 20, height: 26), Color(hex: 0xFFF3C4))
        ctx.fillRect(CGRect(x: 300, y: 450, width: 600, height: 22), Color(hex: 0x4A4F55))
        for x in [380.0, 640, 820] {
            ctx.fillCircle(center: pt(x, 478), radius: 42, Color(hex: 0x2B2B2B))
            ctx.fillCircle(center: pt(x, 478), radius: 17, Color(hex: 0xA0A0A0))
        }
    }

    /// Stop sign, 700–790 × 70–160: an octagon of radius 45 around (745, 115).
    private func drawStopSign(in ctx: DrawingContext) {
        func octagon(_ r: Double) -> [CGPoint] {
            (0..<8).map { k in
                let a = Double.pi / 8 + Double(k) * Double.pi / 4
                return pt(745 + r * cos(a) / cos(Double.pi / 8), 115 + r * sin(a) / cos(Double.pi / 8))
            }
        }
        ctx.fillRect(CGRect(x: 741, y: 150, width: 8, height: 60), Color(hex: 0x7B8188))
        ctx.fillPolygon(octagon(45), .white)
        ctx.fillPolygon(octagon(40), Color(hex: 0xC62828))
        ctx.drawText("STOP", at: pt(745, 116), font: .bold(22), color: .white, anchor: .center)
    }

    /// Traffic light head, 1180–1215 × 50–140, on a pole that continues below its box.
    private func drawTrafficLight(in ctx: DrawingContext) {
        ctx.fillRect(CGRect(x: 1193, y: 140, width: 9, height: 20), Color(hex: 0x3A3F44))
        ctx.fillRoundedRect(CGRect(x: 1180, y: 50, width: 35, height: 90), radius: 7, Color(hex: 0x2F3438))
        for (i, hex) in [UInt32(0xE53935), 0x5A4A1E, 0x2E4D33].enumerated() {
            ctx.fillCircle(center: pt(1197.5, 66 + Double(i) * 29), radius: 10, Color(hex: hex))
        }
    }

    /// Car, 140–560 × 420–710: roof from y = 420, wheels to 710.
    private func drawCar(in ctx: DrawingContext) {
        let paint = Color(hex: 0xC4473A)
        ctx.fillPolygon([pt(230, 520), pt(290, 420), pt(450, 420), pt(510, 520)], paint)
        ctx.fillPolygon([pt(252, 516), pt(300, 436), pt(362, 436), pt(362, 516)], Color(hex: 0xBFDCEF))
        ctx.fillPolygon([pt(376, 516), pt(376, 436), pt(440, 436), pt(486, 516)], Color(hex: 0xBFDCEF))
        ctx.fillRoundedRect(CGRect(x: 140, y: 510, width: 420, height: 150), radius: 30, paint)
        ctx.fillRect(CGRect(x: 140, y: 600, width: 420, height: 12), paint.darkened(by: 0.2))
        ctx.fillRoundedRect(CGRect(x: 528, y: 540, width: 28, height: 24), radius: 6, Color(hex: 0xFFF3C4))
        ctx.fillRoundedRect(CGRect(x: 142, y: 540, width: 22, height: 24), radius: 6, Color(hex: 0xE57373))
        for x in [240.0, 460] {
            ctx.fillCircle(center: pt(x, 660), radius: 50, Color(hex: 0x2B2B2B))
            ctx.fillCircle(center: pt(x, 660), radius: 22, Color(hex: 0xB0B0B0))
        }
    }

    /// A person walking, 900–1010 × 290–690.
    private func drawWalker(in ctx: DrawingContext) {
        let skin = Color(hex: 0x8D5B3E)
        let coat = Color(hex: 0x2F7D6D)
        let trousers = Color(hex: 0x2E3340)
        ctx.limb([pt(950, 520), pt(930, 600), pt(918, 668)], width: 26, trousers)
        ctx.limb([pt(965, 520), pt(978, 600), pt(986, 668)], width: 26, trousers)
        ctx.fillRoundedRect(CGRect(x: 900, y: 664, width: 42, height: 26), radius: 10, Color(hex: 0x1F1F1F))
        ctx.fillRoundedRect(CGRect(x: 966, y: 664, width: 44, height: 26), radius: 10, Color(hex: 0x1F1F1F))
        ctx.fillRoundedRect(CGRect(x: 922, y: 360, width: 70, height: 170), radius: 18, coat)
        ctx.limb([pt(930, 380), pt(914, 450), pt(912, 500)], width: 20, coat)
        ctx.limb([pt(985, 380), pt(998, 450), pt(992, 500)], width: 20, coat)
        ctx.fillCircle(center: pt(912, 506), radius: 10, skin)
        ctx.fillCircle(center: pt(992, 506), radius: 10, skin)
        ctx.fillRect(CGRect(x: 947, y: 344, width: 20, height: 20), skin)
        ctx.fillEllipse(center: pt(957, 322), rx: 27, ry: 30, skin)
        ctx.fillEllipse(center: pt(955, 304), rx: 28, ry: 14, Color(hex: 0x1E1A17))
    }

    /// A dog on the pavement, 620–760 × 590–700.
    private func drawDog(in ctx: DrawingContext) {
        let fur = Color(hex: 0xA0672F)
        ctx.limb([pt(650, 648), pt(648, 690)], width: 14, fur)
        ctx.limb([pt(672, 648), pt(676, 690)], width: 14, fur)
        ctx.limb([pt(708, 648), pt(704, 690)], width: 14, fur)
        ctx.limb([pt(728, 648), pt(734, 690)], width: 14, fur)
        ctx.limb([pt(636, 630), pt(626, 600)], width: 9, fur)
        ctx.fillRoundedRect(CGRect(x: 630, y: 614, width: 110, height: 50), radius: 24, fur)
        ctx.fillEllipse(center: pt(736, 614), rx: 22, ry: 20, fur)
        ctx.fillEllipse(center: pt(752, 622), rx: 8, ry: 7, fur.darkened(by: 0.2))
        ctx.fillEllipse(center: pt(726, 604), rx: 8, ry: 14, rotation: 0.4, fur.darkened(by: 0.3))
        ctx.fillCircle(center: pt(740, 608), radius: 3, Color(hex: 0x1A1A1A))
        ctx.fillCircle(center: pt(758, 620), radius: 3, Color(hex: 0x1A1A1A))
    }

    /// A pedestrian far away on the left, 40–72 × 300–384, on a balcony.
    private func drawDistantPedestrian(in ctx: DrawingContext) {
        ctx.fillRect(CGRect(x: 14, y: 384, width: 96, height: 8), Color(hex: 0x8E857A))
        ctx.beginPath()
        for x in stride(from: 18.0, through: 106, by: 11) { ctx.addLine(from: pt(x, 356), to: pt(x, 384)) }
        ctx.addLine(from: pt(14, 356), to: pt(110, 356))
        ctx.stroke(Color(hex: 0x8E857A), style: .solid(3))
        ctx.limb([pt(52, 350), pt(48, 380)], width: 7, Color(hex: 0x3A3A4A))
        ctx.limb([pt(60, 350), pt(64, 380)], width: 7, Color(hex: 0x3A3A4A))
        ctx.fillRoundedRect(CGRect(x: 42, y: 318, width: 28, height: 40), radius: 8, Color(hex: 0x7E57C2))
        ctx.fillCircle(center: pt(56, 309), radius: 9, Color(hex: 0xE0B08A))
    }
}
